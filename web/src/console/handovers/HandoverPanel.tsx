import { useEffect, useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { FormError } from '../../banking/Field.tsx';
import type { StaffMember } from '../api.ts';
import { CustomerSnapshot } from '../customer/CustomerSnapshot.tsx';
import { Fact } from '../Fact.tsx';
import { actorName, dateTime } from '../format.ts';
import { useAction } from '../useAction.ts';
import { handoversApi, type HandoverView } from './api.ts';

interface Props {
  id: string;
  staff: StaffMember;
  /** Bumped when something changed: the handover is read again. */
  round: number;
  onChange: () => void;
}

/**
 * One handover: the call's context (who was identified — or that nobody was —, the request, why,
 * the caller masked, the line and language), who has it; take it, and once it is yours the
 * customer's panel (state, ways back, latest history) shows at once; close it when done.
 */
export function HandoverPanel({ id, staff, round, onChange }: Props) {
  const { t, locale } = useLocale();
  const [handover, setHandover] = useState<HandoverView | null>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    void run(async () => setHandover(await handoversApi.detail(id)));
  }, [id, round, run]);

  if (!handover) {
    return (
      <section className="panel fraud-task handover" aria-labelledby="handover-title">
        <h2 id="handover-title">{t('console.handovers.title')}</h2>
        {error ? <FormError message={error} /> : <p className="muted">{t('console.loading')}</p>}
      </section>
    );
  }
  const h = handover;
  const mine = h.takenBy === `staff:${staff.id}`;
  const act = async (fn: () => Promise<HandoverView>) => {
    if (await run(async () => setHandover(await fn()))) onChange();
  };

  return (
    <>
    <section className="panel fraud-task handover" aria-labelledby="handover-title">
      <h2 id="handover-title">{t('console.handovers.detail', { time: dateTime(h.createdAt, locale) })}</h2>
      <dl className="console-facts">
        <Fact label={t('console.handovers.customer')}>
          {h.customer ? (
            <>
              {h.customer.name} ({h.customer.externalId})<br />
              <span className="muted">{t('console.handovers.identifiedHint')}</span>
            </>
          ) : (
            <>
              {t('console.handovers.notIdentified')}
              <br />
              <span className="muted">{t('console.handovers.notIdentifiedHint')}</span>
            </>
          )}
        </Fact>
        <Fact label={t('console.handovers.reason')}>{t(`handover.reason.${h.reason}`)}</Fact>
        <Fact label={t('console.handovers.branch')}>{t(`handover.branch.${h.branch}`)}</Fact>
        <Fact label={t('console.handovers.caller')}>{h.caller ?? t('console.handovers.withheld')}</Fact>
        <Fact label={t('console.handovers.line')}>{t(`handover.line.${h.line}`)}</Fact>
        <Fact label={t('console.handovers.language')}>{t(`console.handovers.language.${h.locale}`)}</Fact>
        <Fact label={t('console.handovers.status')}>
          <span className={`handover-status handover-status--${h.status}`}>{t(`handover.status.${h.status}`)}</span>
          {h.answeredByPhone && <> · {t('console.handovers.byPhone')}</>}
        </Fact>
        {h.takenBy && (
          <Fact label={t('console.handovers.takenBy')}>
            {actorName(h.takenBy)}
            {h.takenAt && <> · {dateTime(h.takenAt, locale)}</>}
          </Fact>
        )}
      </dl>
      <FormError message={error} />
      {mine && <p className="notice notice--info">{t('console.handovers.mine')}</p>}
      {h.status !== 'closed' && !mine && h.takenBy === null && (
        <button type="button" className="button" disabled={busy} onClick={() => void act(() => handoversApi.take(h.id))}>
          {t('console.handovers.take')}
        </button>
      )}
      {(h.status === 'taken' || h.status === 'unanswered') && (mine || h.takenBy === null || staff.role !== 'agent') && (
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void act(() => handoversApi.close(h.id))}>
          {t('console.handovers.close')}
        </button>
      )}
    </section>
    {mine && h.customer && <CustomerSnapshot customerId={h.customer.id} />}
    </>
  );
}
