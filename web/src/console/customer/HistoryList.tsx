import { useEffect, useState } from 'react';
import { FormError } from '../../banking/Field.tsx';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { Link } from '../../router/Link.tsx';
import { actorName, dateTime } from '../format.ts';
import { useAction } from '../useAction.ts';
import { customerApi, type HistoryItem } from './api.ts';
import { labelOf } from './labels.ts';

type Translate = (id: string, params?: Record<string, string | number>) => string;
const s = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/**
 * The customer's history, newest first: cases (a link where the person may open it), IVR calls,
 * web recoveries, blocks set and lifted, branch unlocks, calls the IVR passed to an agent. `limit` keeps the case view's panel short.
 */
export function HistoryList({ customerId, round, limit }: { customerId: string; round: number; limit?: number }) {
  const { t, locale } = useLocale();
  const [items, setItems] = useState<HistoryItem[] | null>(null);
  const { error, run } = useAction();
  useEffect(() => {
    void run(async () => setItems((await customerApi.history(customerId, limit)).items));
  }, [customerId, round, limit, run]);
  if (error) return <FormError message={error} />;
  if (!items) return <p className="muted">{t('console.loading')}</p>;
  if (items.length === 0) return <p>{t('console.history.none')}</p>;
  return (
    <ol className="console-list customer-history">
      {items.map((item, i) => (
        <li key={`${item.kind}-${item.at}-${i}`} className={`customer-history__item customer-history__item--${item.kind}`}>
          <p>
            <strong>{t(`console.history.kind.${item.kind}`)}</strong> · {dateTime(item.at, locale)}
          </p>
          <p className="console-timeline__detail">
            <ItemDetail t={t} item={item} />
          </p>
        </li>
      ))}
    </ol>
  );
}

function ItemDetail({ t, item }: { t: Translate; item: HistoryItem }) {
  const d = item.data;
  switch (item.kind) {
    case 'case': {
      const label = `${t('console.case.ref', { number: s(d.number) })} (${t(`backoffice.kind.${s(d.caseKind)}`)}) · ${t(`backoffice.status.${s(d.status)}`)}${d.outcome ? ` · ${t(`backoffice.outcome.${s(d.outcome)}`)}` : ''}`;
      return d.visible ? <Link to={`/console/case?id=${s(d.caseId)}`}>{label}</Link> : <>{label}</>;
    }
    case 'ivr_call': {
      const actions = Array.isArray(d.actions) ? (d.actions as unknown[]).map((a) => labelOf(t, 'console.history.ivr.', s(a).replace(/^ivr\./, ''))) : [];
      return <>{[labelOf(t, 'console.history.line.', d.line), d.outcome ? labelOf(t, 'console.history.outcome.', d.outcome) : '', ...actions].filter(Boolean).join(' · ')}</>;
    }
    case 'recovery':
      return <>{labelOf(t, 'console.history.recovery.', d.step)}</>;
    case 'block_set':
      return <>{`${labelOf(t, 'console.blockTarget.', d.target)} · ${labelOf(t, 'console.blockOrigin.', d.origin)} · ${actorName(s(d.by))} · ${s(d.reason)}`}</>;
    case 'block_lifted':
      return <>{`${labelOf(t, 'console.blockTarget.', d.target)} · ${labelOf(t, 'console.blockOrigin.', d.origin)} · ${t('console.history.liftedBy', { who: actorName(s(d.by)), channel: labelOf(t, 'console.history.channel.', d.channel) })}`}</>;
    case 'unlock':
      return <>{`${labelOf(t, 'console.history.unlock.', d.status)} · ${actorName(s(d.requestedBy))}${d.decidedBy ? ` → ${actorName(s(d.decidedBy))}` : ''}${d.reason ? ` · ${s(d.reason)}` : ''}`}</>;
    case 'handover': {
      const label = [t(`handover.reason.${s(d.reason)}`), t(`handover.branch.${s(d.branch)}`), t(`handover.status.${s(d.status)}`), d.takenBy ? t('console.history.handoverTakenBy', { who: actorName(s(d.takenBy)) }) : ''].filter(Boolean).join(' · ');
      return d.visible ? <Link to={`/console/handovers?handover=${s(d.handoverId)}`}>{label}</Link> : <>{label}</>;
    }
    default:
      return null;
  }
}
