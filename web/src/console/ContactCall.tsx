import { useEffect, useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { FormError } from '../banking/Field.tsx';
import { consoleApi, type Call, type ContactPanel } from './api.ts';
import { phoneText } from './format.ts';
import { useAction } from './useAction.ts';

/** How often the panel asks how a live call goes (the provider's callbacks change it on the server). */
const POLL_MS = 1000;

/** A call's length as "m:ss min". */
export function callLength(t: (id: string, params?: Record<string, string | number>) => string, seconds: number): string {
  return t('console.call.duration', { minutes: Math.floor(seconds / 60), seconds: String(seconds % 60).padStart(2, '0') });
}

/**
 * "Llamar" on each phone the next attempt may call (issue 15 §2), and the live call's state until
 * it ends; then `onEnded` reloads the panel, where the provider has recorded the attempt.
 */
export function ContactCall({ contact, closed, onEnded }: { contact: ContactPanel; closed: boolean; onEnded: () => void }) {
  const { t } = useLocale();
  const [live, setLive] = useState<Call | null>(contact.call);
  const { busy, error, run } = useAction();
  useEffect(() => setLive(contact.call), [contact.call]);
  const liveId = live?.id;
  useEffect(() => {
    if (!liveId) return;
    let stopped = false;
    const timer = setInterval(() => {
      consoleApi.contact(contact.caseId).then(
        (panel) => {
          if (stopped) return;
          if (panel.call?.id === liveId) setLive(panel.call);
          else {
            stopped = true;
            clearInterval(timer);
            setLive(null);
            onEnded();
          }
        },
        () => undefined,
      );
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [liveId, contact.caseId, onEnded]);

  if (contact.calling.provider === 'off') return null;
  const next = contact.next;
  const place = async (phoneKind: string) => {
    await run(async () => setLive((await consoleApi.call(contact.caseId, phoneKind)).call));
  };
  return (
    <div className="console-call">
      <p className="field__hint">
        {t('console.call.lead')}
        {contact.calling.provider === 'twilio' ? ` ${t('console.call.leadTwilio')}` : ''}
      </p>
      {!contact.calling.canCall && <p className="muted">{t('console.call.cannot')}</p>}
      <p className="console-call-status" role="status" aria-live="polite">
        {live ? t(`console.call.status.${live.status}`, { n: live.attemptNo, number: phoneText(live.phone) }) : ''}
      </p>
      {!live && next && !closed && contact.calling.canCall && (
        <ul className="console-call-buttons">
          {next.allowed.map((p) => (
            <li key={p.kind}>
              <button type="button" className="button" disabled={busy} onClick={() => void place(p.kind)}>
                {t('console.call.call', { kind: t(`console.call.${p.kind}`), number: phoneText(p.number) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormError message={error} />
    </div>
  );
}

/**
 * The state of a form saying how a call went: the result, the representative for an entity, and
 * `submit`, which sends them (refusing an empty result) and calls `onDone` once accepted.
 */
export function useResultForm(contact: ContactPanel, send: (body: { result: string; answeredBy?: string }) => Promise<unknown>, onDone: () => void) {
  const { t } = useLocale();
  const [result, setResult] = useState('');
  const [answeredBy, setAnsweredBy] = useState('');
  const { busy, error, setError, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!result) {
      setError(t('console.contact.chooseResult'));
      return;
    }
    const body = { result, ...(contact.customer.kind === 'entity' && result === 'answered' && answeredBy ? { answeredBy } : {}) };
    if (await run(() => send(body))) {
      setResult('');
      onDone();
    }
  };
  return { busy, error, submit, fields: { contact, result, onResult: setResult, answeredBy, onAnsweredBy: setAnsweredBy } };
}

interface ResultFieldsProps {
  /** Prefix of the fields' ids: `<id>-result`, `<id>-rep`. */
  id: string;
  label: string;
  results: readonly string[];
  result: string;
  onResult(result: string): void;
  contact: ContactPanel;
  answeredBy: string;
  onAnsweredBy(id: string): void;
}

/** How a call went, and for an entity answered by the holder's side which representative answered. */
export function AttemptResultFields({ id, label, results, result, onResult, contact, answeredBy, onAnsweredBy }: ResultFieldsProps) {
  const { t } = useLocale();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-result`}>{label}</label>
        <select id={`${id}-result`} value={result} onChange={(e) => onResult(e.target.value)}>
          <option value="">{t('console.contact.choose')}</option>
          {results.map((r) => (
            <option key={r} value={r}>
              {t(`playbook.attempt.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {contact.customer.kind === 'entity' && result === 'answered' && (
        <div className="field">
          <label htmlFor={`${id}-rep`}>{t('console.contact.representative')}</label>
          <select id={`${id}-rep`} value={answeredBy} onChange={(e) => onAnsweredBy(e.target.value)}>
            <option value="">{t('console.contact.choose')}</option>
            {contact.representatives.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} · {r.role}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}

/**
 * A call the provider recorded as picked up: the agent says who answered (what a machine cannot
 * know): the holder, for an entity which representative, someone else, a voicemail, a wrong number.
 */
export function PickedUpConfirm({ contact, onDone }: { contact: ContactPanel; onDone: () => void }) {
  const { t } = useLocale();
  const attempt = contact.attempts.find((a) => a.result === 'picked_up');
  const { busy, error, submit, fields } = useResultForm(contact, (body) => consoleApi.confirmAttempt(contact.caseId, attempt?.attemptNo ?? 0, body), onDone);
  if (!attempt) return null;
  return (
    <form className="console-form console-confirm" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('console.call.confirm.title', { n: attempt.attemptNo })}</h3>
      <AttemptResultFields id="confirm" label={t('console.call.confirm.who')} results={contact.confirmations} {...fields} />
      <FormError message={error} />
      <button type="submit" className="button" disabled={busy}>
        {t('console.call.confirm.submit')}
      </button>
    </form>
  );
}
