import type { StaffRole } from '../../../src/backoffice/access.ts';
import type { WebPath } from '../../../src/http/web-paths.ts';

/**
 * The console's pages as its navigation bar lists them, in order. Each page of the console
 * renders inside `ConsoleFrame` (`web/src/console/ConsoleFrame.tsx`): the frame signs the staff
 * member in, shows this list (only the entries their role may open) and the shortcuts help.
 *
 * `labelId` is a catalogue id; `roles` limits who sees the entry (all roles when absent). The
 * server enforces every role on its own routes: this list only keeps links a person cannot use
 * out of their way. The console's side screens (directory, knowledge, reports, inbox) add their
 * entries here.
 */
export interface ConsolePage {
  path: WebPath;
  labelId: string;
  roles?: readonly StaffRole[];
}

export const CONSOLE_PAGES: readonly ConsolePage[] = [
  { path: '/console', labelId: 'console.nav.queue' },
  { path: '/console/handovers', labelId: 'console.nav.handovers', roles: ['agent', 'supervisor', 'admin'] },
  { path: '/console/inbox', labelId: 'console.nav.inbox', roles: ['branch', 'supervisor', 'admin'] },
  { path: '/console/fraud', labelId: 'console.nav.fraud', roles: ['fraud', 'supervisor', 'admin'] },
  { path: '/console/directory', labelId: 'console.nav.directory' },
  { path: '/console/knowledge', labelId: 'console.nav.knowledge' },
  { path: '/console/reports', labelId: 'console.nav.reports', roles: ['supervisor', 'admin'] },
  { path: '/console/supervisor', labelId: 'console.nav.supervisor', roles: ['supervisor', 'admin'] },
  { path: '/console/approvals', labelId: 'console.nav.approvals', roles: ['branch', 'supervisor'] },
];

/** The entries `role` may open. */
export function pagesFor(role: StaffRole): ConsolePage[] {
  return CONSOLE_PAGES.filter((p) => !p.roles || p.roles.includes(role));
}
