import { sql } from 'kysely';
import type { BackgroundTask } from '../background.ts';
import { provisioningDeps } from '../provisioning/deps.ts';
import { staffDb } from '../staff/schema.ts';
import { loadDemoStaff } from './demo-staff.ts';
import { loadDemoData } from './load.ts';

/**
 * In dev mode, the first start of an empty database loads the demo bank so every flow can be
 * tried at once (and a database without console users gets the demo ones). Never outside dev mode: the demo's passwords and PINs are published.
 */
export const loadDemoDataOnFirstStart: BackgroundTask = async (services, log) => {
  if (!services.config.dev) return;
  if (services.database.kind !== 'postgres') return loadIfEmpty(services, log);
  // Instances started together on one empty database take turns under an advisory lock held by
  // one connection: the first loads, the next finds the data there. Without it both loaded and
  // one stopped on a duplicate key (the reliability suite's two-instance start).
  await services.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('cerrojo:demo-load'))`.execute(conn);
    try {
      await loadIfEmpty(services, log);
    } finally {
      await sql`select pg_advisory_unlock(hashtext('cerrojo:demo-load'))`.execute(conn);
    }
  });
};

const loadIfEmpty: BackgroundTask = async (services, log) => {
  const any = await services.db.selectFrom('customers').select('id').limit(1).executeTakeFirst();
  if (any) {
    // A dev database from before the console has customers but no console user: it gets the demo ones.
    if (await staffDb(services.db).selectFrom('staff_accounts').select('id').limit(1).executeTakeFirst()) return;
    const staff = await loadDemoStaff(services.db, services);
    log.info({ staff }, 'demo console users created (see docs/demo.md)');
    return;
  }
  const { summary, extrasCreated, alertsRaised, staffCreated } = await loadDemoData(services.db, provisioningDeps(services, 'system'));
  if (summary.errors.length) log.warn({ errors: summary.errors }, 'demo data loaded with errors');
  log.info({ created: summary.created, extras: extrasCreated, alerts: alertsRaised, staff: staffCreated }, 'demo data loaded (see docs/demo.md)');
};
