import { useLocale } from '../i18n/LocaleProvider.tsx';
import { navigate } from '../router/router.ts';
import { consoleApi, type CaseSummary } from './api.ts';
import { useAction } from './useAction.ts';

/** Open and nobody's: a case someone may take from the queue. */
export const takeable = (c: CaseSummary): boolean => c.owner === null && c.status !== 'closed';

/** Takes the case and opens it; another person who took it first makes the server refuse (`case_locked`). */
async function takeAndOpen(c: CaseSummary): Promise<void> {
  await consoleApi.take(c.id);
  navigate(`/console/case?id=${c.id}`);
}

/** The queue's key `a`: take the oldest new case nobody has (else any open one nobody has) and open it. */
export function takeNext(cases: readonly CaseSummary[], onError: (err: unknown) => void): void {
  const next = cases.find((c) => c.status === 'new' && takeable(c)) ?? cases.find(takeable);
  if (next) takeAndOpen(next).catch(onError);
}

/** "Coger" on a queue row: the case becomes the person's, and opens. */
export function TakeButton({ c }: { c: CaseSummary }) {
  const { t } = useLocale();
  const { busy, error, run } = useAction();
  return (
    <>
      <button type="button" className="button button--quiet console-take" disabled={busy} onClick={() => void run(() => takeAndOpen(c))}>
        {t('console.queue.take')}
        <span className="visually-hidden"> {t('console.case.ref', { number: c.number })}</span>
      </button>
      {error && (
        <span className="console-take__error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
