import { catalogue } from '../../../src/i18n/catalogue.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import type { CaseDetail } from './api.ts';
import { actorName, dateTime, queueName } from './format.ts';
import { useAlertWords, type AlertWords } from './words.tsx';

type Translate = (id: string, params?: Record<string, string | number>) => string;
type Event = CaseDetail['timeline'][number];

/** Everything that happened to the case, oldest first, as the timeline of the back office keeps it. */
export function Timeline({ detail }: { detail: CaseDetail }) {
  const { t, locale } = useLocale();
  const words = useAlertWords();
  return (
    <section className="panel console-timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title" tabIndex={-1}>
        {t('console.timeline.title')}
      </h2>
      <ol className="console-list">
        {detail.timeline.map((e) => (
          <li key={e.id}>
            <p>
              <strong>{eventLabel(t, e.type)}</strong> · {dateTime(e.at, locale)} · {actorName(e.actor)}
            </p>
            {eventDetail(t, words, e) && <p className="console-timeline__detail">{eventDetail(t, words, e)}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function eventLabel(t: Translate, type: string): string {
  const id = `console.event.${type}`;
  return id in catalogue ? t(id) : type;
}

const s = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The one line worth reading of an event's data. */
function eventDetail(t: Translate, words: AlertWords, e: Event): string {
  const d = e.data;
  switch (e.type) {
    case 'status_changed':
      return `${t(`backoffice.status.${s(d.from)}`)} → ${t(`backoffice.status.${s(d.to)}`)}${d.pendingReason ? ` · ${s(d.pendingReason)}` : ''}`;
    case 'assigned': {
      // `{ queue: { from, to } }` and/or `{ owner: { from, to } }`
      const to = (v: unknown) => (typeof v === 'object' && v !== null ? (v as { to?: unknown }).to : undefined);
      const queue = to(d.queue);
      const owner = to(d.owner);
      return [queue ? queueName(t, s(queue)) : '', d.owner !== undefined ? (owner ? actorName(s(owner)) : t('console.timeline.unowned')) : ''].filter(Boolean).join(' · ');
    }
    case 'closed':
      return s(d.closingComment);
    case 'comment':
    case 'mention':
      return `${d.targetId ? `${s(d.targetId)}: ` : ''}${s(d.text)}`;
    case 'categorised':
      return s(d.to);
    case 'outcome_set':
    case 'playbook_started':
    case 'playbook_finished':
      return d.outcome ? t(`backoffice.outcome.${s(d.outcome)}`) : '';
    case 'linked_to_main':
      return t('console.case.ref', { number: s(d.mainNumber) });
    case 'case_linked':
      return t('console.case.ref', { number: s(d.number) });
    case 'contact_attempt':
    case 'contact_attempt_confirmed':
    case 'contact_call':
      return [d.attemptNo ? `#${s(d.attemptNo)}` : '', d.phoneKind ? t(`console.phone.${d.phoneKind === 'landline' ? 'landline' : 'mobile'}`) : '', d.result ? t(`playbook.attempt.${s(d.result)}`) : ''].filter(Boolean).join(' · ');
    case 'security_check_answered':
      return d.passed === true ? t('console.questions.passed') : d.passed === false ? t('console.questions.failed') : '';
    case 'playbook_step':
    case 'playbook_step_failed':
    case 'playbook_waiting':
      return d.action ? t(`playbook.action.${s(d.action)}`) : '';
    case 'macro_applied':
      return s(d.macroName);
    case 'alert_received':
      return d.situation ? words.situation(s(d.situation)) : '';
    case 'unlock_step_done':
      return d.step ? t(`unlock.step.${s(d.step)}`) : '';
    case 'unlock_identified':
      return `${s(d.documentType)} ${s(d.document)}${d.note ? ` · ${s(d.note)}` : ''}`;
    case 'unlock_rejected':
    case 'reopened':
      return s(d.reason);
    case 'card_pin_unblocked':
      return `**** ${s(d.last4)}`;
    case 'taken_over':
      return `${actorName(s(d.from))} → ${actorName(e.actor)}${d.reason ? ` · ${s(d.reason)}` : ''}`;
    case 'fraud_task_taken':
    case 'fraud_task_assigned':
      return actorName(typeof d.owner === 'string' ? d.owner : null);
    case 'fraud_task_closed':
      return d.result ? t(`fraud.result.${s(d.result)}`) : '';
    default:
      return '';
  }
}
