/**
 * Paths served by the single-page web app (web/). The server answers each with index.html and
 * the app's router shows the matching page. Add a face here and in web/src/routes.tsx.
 */
export const WEB_PATHS: readonly string[] = ['/', '/dev/messages', '/recovery', '/banking', '/phone', '/console'];
