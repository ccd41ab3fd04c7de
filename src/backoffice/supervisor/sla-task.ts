import type { BackgroundTask } from '../../background.ts';
import { describeError } from '../../notify/deliver.ts';
import { repeat } from '../../platform/repeat.ts';
import { noticeBreaches } from './store.ts';

/**
 * The SLA breach watch (issue 15 §1): every `backoffice.sla.checkIntervalSeconds`, writes a notice
 * for each milestone an open case has breached (`noticeBreaches`). Its state is the database's
 * alone, so every instance runs it: rounds are serialised by an advisory lock and a notice is
 * written once whichever instance gets there first.
 */
export const startSlaWatch: BackgroundTask = async (services, log) => {
  const { sla } = services.config.backoffice;
  return repeat(
    () =>
      noticeBreaches(services.db, services, sla).then(
        (written) => {
          if (written.length > 0) log.info({ notices: written.length }, 'SLA breaches noticed');
        },
        (err: unknown) => log.warn({ error: describeError(err) }, 'SLA breach watch failed'),
      ),
    sla.checkIntervalSeconds * 1000,
  );
};
