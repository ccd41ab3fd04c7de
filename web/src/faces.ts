/**
 * The faces of the system as the start page and the navigation list them. Texts are looked up
 * by key: `web.face.<key>.name` and `web.face.<key>.summary`.
 */
export type FaceKey = 'recovery' | 'banking' | 'phone' | 'console' | 'messages' | 'docs';
export type FaceStatus = 'available' | 'dev';

export interface Face {
  key: FaceKey;
  href: string;
  /** Served by the server itself (not this app): a normal page load. */
  server: boolean;
  status: FaceStatus;
}

export const FACES: readonly Face[] = [
  { key: 'recovery', href: '/recovery', server: false, status: 'available' },
  { key: 'banking', href: '/banking', server: false, status: 'available' },
  { key: 'phone', href: '/phone', server: false, status: 'dev' },
  { key: 'console', href: '/console', server: false, status: 'available' },
  { key: 'messages', href: '/dev/messages', server: false, status: 'dev' },
  { key: 'docs', href: '/docs', server: true, status: 'available' },
];

/** Monitoring routes of every instance, for operators. */
export const OPERATOR_LINKS: readonly { key: 'healthz' | 'readyz' | 'metrics'; href: string }[] = [
  { key: 'healthz', href: '/healthz' },
  { key: 'readyz', href: '/readyz' },
  { key: 'metrics', href: '/metrics' },
];

/** The customer faces: drawn in the bank's own frame (`CustomerLayout`), not the product's. */
export type CustomerSection = 'recovery' | 'banking';

/** The customer face a path belongs to, or null for the product's and the staff's pages. */
export function customerSection(pathname: string): CustomerSection | null {
  if (pathname === '/recovery') return 'recovery';
  if (pathname === '/banking' || pathname.startsWith('/banking/')) return 'banking';
  return null;
}
