import type { ClockDeps } from '../customers/store-support.ts';
import type { Db } from '../platform/db/database.ts';
import { createStaffAccount, type NewStaffAccount } from '../staff/accounts.ts';

/**
 * The demo console users, one per role (docs/demo.md "Staff"). Their passwords are published:
 * they load with the rest of the demo bank, in dev mode only.
 */
export const DEMO_STAFF: readonly NewStaffAccount[] = [
  { username: 'ana.agente', name: 'Ana Agente', role: 'agent', password: 'Consola.Agente1' },
  { username: 'sergio.supervisor', name: 'Sergio Supervisor', role: 'supervisor', password: 'Consola.Supervisor1' },
  { username: 'olga.oficina', name: 'Olga Oficina (0123)', role: 'branch', officeCode: '0123', password: 'Consola.Oficina1' },
  { username: 'admin.consola', name: 'Adela Administradora', role: 'admin', password: 'Consola.Admin1' },
  { username: 'fabian.fraude', name: 'Fabián Fraude', role: 'fraud', password: 'Consola.Fraude1' },
];

/** Creates the demo staff accounts that are missing; returns how many it created. */
export async function loadDemoStaff(db: Db, deps: ClockDeps): Promise<number> {
  let created = 0;
  for (const account of DEMO_STAFF) if (await createStaffAccount(db, deps, account)) created++;
  return created;
}
