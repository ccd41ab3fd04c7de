/**
 * Paths served by the single-page web app (web/). The server answers each with index.html and
 * the app's router shows the matching page. The router's page table is typed
 * `Record<WebPath, ...>`, so a path added here without a page (or the reverse) fails `tsc`.
 */
export const WEB_PATHS = ['/', '/dev/messages', '/recovery', '/banking', '/banking/password', '/banking/operation', '/banking/transfer', '/banking/devices', '/phone', '/console', '/console/case', '/console/directory', '/console/knowledge', '/console/reports', '/console/inbox', '/console/fraud', '/console/customer', '/console/approvals', '/console/handovers', '/console/supervisor'] as const;

export type WebPath = (typeof WEB_PATHS)[number];

/** True when `path` is one the web app answers. */
export function isWebPath(path: string): path is WebPath {
  return (WEB_PATHS as readonly string[]).includes(path);
}

/** Paths of the dev tools (the web phone, the sent-messages list): served in dev mode only. */
export const DEV_ONLY_WEB_PATHS = ['/phone', '/dev/messages'] as const satisfies readonly WebPath[];
