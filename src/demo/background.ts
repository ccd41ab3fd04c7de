import type { BackgroundTask } from '../background.ts';
import { provisioningDeps } from '../provisioning/deps.ts';
import { loadDemoData } from './load.ts';

/**
 * In dev mode, the first start of an empty database loads the demo bank so every flow can be
 * tried at once. Never outside dev mode: the demo's passwords and PINs are published.
 */
export const loadDemoDataOnFirstStart: BackgroundTask = async (services, log) => {
  if (!services.config.dev) return;
  const any = await services.db.selectFrom('customers').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const { summary, extrasCreated, alertsRaised } = await loadDemoData(services.db, provisioningDeps(services, 'system'));
  if (summary.errors.length) log.warn({ errors: summary.errors }, 'demo data loaded with errors');
  log.info({ created: summary.created, extras: extrasCreated, alerts: alertsRaised }, 'demo data loaded (see docs/demo.md)');
};
