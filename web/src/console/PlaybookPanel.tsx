import { useEffect, useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { consoleApi, type ContactPanel, type OutcomeOption, type PlaybookRun, type SecurityCheck } from './api.ts';
import { FormError } from '../banking/Field.tsx';
import { dateTime, phoneText } from './format.ts';
import { OutcomeCategory, OutcomeCategoryNote } from './OutcomeCategory.tsx';
import { RunSteps } from './RunSteps.tsx';
import { useAction } from './useAction.ts';
import { AttemptResultFields, callLength, ContactCall, PickedUpConfirm, useResultForm } from './ContactCall.tsx';

interface Props {
  caseId: string;
  closed: boolean;
  round: number;
  onChange: () => void;
}

interface State {
  contact: ContactPanel;
  checks: SecurityCheck[];
  run: PlaybookRun | null;
  outcomes: OutcomeOption[];
}

/**
 * The guided playbook of seed 002 on an alert case: the call script, the contact attempts
 * (landline first, three at most), the security questions (typed answers judged by the server,
 * pass or fail only) and the outcomes with what each still needs; then the run, step by step.
 */
export function PlaybookPanel({ caseId, closed, round, onChange }: Props) {
  const { t } = useLocale();
  const [state, setState] = useState<State | null>(null);
  const { error, run: act } = useAction();
  useEffect(() => {
    void act(async () => {
      const [contact, { checks }, { run, outcomes }] = await Promise.all([consoleApi.contact(caseId), consoleApi.checks(caseId), consoleApi.playbook(caseId)]);
      setState({ contact, checks, run, outcomes });
    });
  }, [act, caseId, round]);

  if (!state) {
    return (
      <section className="panel" aria-labelledby="contact-title">
        <h2 id="contact-title" tabIndex={-1}>
          {t('console.playbook.title')}
        </h2>
        {error ? <FormError message={error} /> : <p className="muted">{t('console.loading')}</p>}
      </section>
    );
  }
  const answered = state.contact.attempts.find((a) => a.result === 'answered');
  return (
    <>
      <Script lines={state.contact.script.lines} lang={state.contact.script.locale} />
      <Contact contact={state.contact} closed={closed || state.run !== null} onDone={onChange} />
      <Questions caseId={caseId} checks={state.checks} answeredBy={answered?.answeredBy ?? null} answered={!!answered} finished={closed || state.run !== null} onDone={onChange} />
      <Outcomes caseId={caseId} options={state.outcomes} run={state.run} closed={closed} answeredBy={answered?.answeredBy ?? null} onDone={onChange} />
    </>
  );
}

function Script({ lines, lang }: { lines: string[]; lang: string }) {
  const { t } = useLocale();
  return (
    <section className="panel console-script" aria-labelledby="script-title">
      <h2 id="script-title">{t('console.script.title')}</h2>
      <div lang={lang}>
        {lines.map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
    </section>
  );
}

function Contact({ contact, closed, onDone }: { contact: ContactPanel; closed: boolean; onDone: () => void }) {
  const { t, locale } = useLocale();
  const next = contact.next;
  const [phoneKind, setPhoneKind] = useState(next?.suggested.kind ?? '');
  const { busy, error, submit, fields } = useResultForm(contact, (body) => consoleApi.attempt(contact.caseId, { ...body, ...(phoneKind ? { phoneKind } : {}) }), onDone);
  useEffect(() => setPhoneKind(next?.suggested.kind ?? ''), [next?.suggested.kind, next?.attemptNo]);
  const entity = contact.customer.kind === 'entity';

  return (
    <section className="panel console-contact" aria-labelledby="contact-title">
      <h2 id="contact-title" tabIndex={-1}>
        {t('console.contact.title')}
      </h2>
      <p>{t('console.contact.rule')}</p>
      <h3>{t('console.contact.order')}</h3>
      <ol className="console-phones">
        {contact.phones.map((p) => (
          <li key={p.kind}>
            <span className="console-phone-kind">{t(`console.phone.${p.kind}`)}</span> <span className="console-number">{phoneText(p.number)}</span>
          </li>
        ))}
      </ol>
      <ContactCall contact={contact} closed={closed} onEnded={onDone} />
      {contact.attempts.length > 0 && (
        <table className="console-table console-attempts">
          <caption>{t('console.contact.attempts', { left: contact.attemptsLeft })}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('console.contact.when')}</th>
              <th scope="col">{t('console.contact.phone')}</th>
              <th scope="col">{t('console.contact.result')}</th>
            </tr>
          </thead>
          <tbody>
            {contact.attempts.map((a) => (
              <tr key={a.attemptNo}>
                <th scope="row">{a.attemptNo}</th>
                <td>{dateTime(a.at, locale)}</td>
                <td>
                  {t(`console.phone.${a.phoneKind === 'landline' ? 'landline' : 'mobile'}`)} <span className="console-number">{phoneText(a.phone)}</span>
                </td>
                <td>
                  {t(`playbook.attempt.${a.result}`)}
                  {a.answeredBy && entity ? ` · ${contact.representatives.find((r) => r.id === a.answeredBy)?.name ?? ''}` : ''}
                  {a.durationSeconds ? ` · ${callLength(t, a.durationSeconds)}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PickedUpConfirm contact={contact} onDone={onDone} />
      {contact.proposal === 'no_answer' && (
        <p className="notice notice--info" role="status">
          {t('console.contact.proposal')}
        </p>
      )}
      {next && !closed && !contact.call && (
        <form className="console-form" onSubmit={(e) => void submit(e)} noValidate>
          <h3>{t(contact.calling.provider === 'off' ? 'console.contact.next' : 'console.call.manual', { n: next.attemptNo })}</h3>
          <fieldset>
            <legend>{t('console.contact.phoneToCall')}</legend>
            {next.allowed.map((p) => (
              <label key={p.kind} className="console-check">
                <input type="radio" name="attempt-phone" value={p.kind} checked={phoneKind === p.kind} onChange={() => setPhoneKind(p.kind)} />
                {t(`console.phone.${p.kind}`)} <span className="console-number">{phoneText(p.number)}</span>
                {p.kind === next.suggested.kind ? ` (${t('console.contact.suggested')})` : ''}
              </label>
            ))}
          </fieldset>
          <AttemptResultFields id="attempt" label={t('console.contact.result')} results={contact.results} {...fields} />
          <FormError message={error} />
          <button type="submit" className="button" disabled={busy}>
            {t('console.contact.record')}
          </button>
        </form>
      )}
    </section>
  );
}

interface QuestionsProps {
  caseId: string;
  checks: SecurityCheck[];
  answeredBy: string | null;
  /** A recorded call was answered by the holder (or a representative). */
  answered: boolean;
  /** The case is closed or its outcome chosen: no more questions. */
  finished: boolean;
  onDone: () => void;
}

function Questions({ caseId, checks, answeredBy, answered, finished, onDone }: QuestionsProps) {
  const { t } = useLocale();
  const open = checks.find((c) => c.passed === null);
  const decided = checks.filter((c) => c.passed !== null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const { busy, error, run } = useAction();
  const failed = decided.some((c) => c.passed === false);
  const passed = decided.some((c) => c.passed === true);

  const ask = async () => {
    if (await run(() => consoleApi.startCheck(caseId, answeredBy ?? undefined))) onDone();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!open) return;
    const typed = open.questions.map((q) => ({ questionId: q.id, answer: answers[q.id] ?? '' }));
    if (await run(() => consoleApi.answerCheck(open.id, typed))) {
      setAnswers({});
      onDone();
    }
  };

  return (
    <section className="panel console-questions" aria-labelledby="questions-title">
      <h2 id="questions-title" tabIndex={-1}>
        {t('console.questions.title')}
      </h2>
      <p>{t('console.questions.rule')}</p>
      {decided.map((c) => (
        <p key={c.id} className={`console-verdict console-verdict--${c.passed ? 'pass' : 'fail'}`} role="status">
          {c.passed ? t('console.questions.passed') : t('console.questions.failed')}
        </p>
      ))}
      {!open && !failed && !passed && finished && <p className="muted">{t('console.questions.notAsked')}</p>}
      {!open && !failed && !passed && !finished && (
        <>
          {!answered && <p className="muted">{t('console.questions.needCall')}</p>}
          <button type="button" className="button" disabled={!answered || busy} onClick={() => void ask()}>
            {t('console.questions.ask')}
          </button>
        </>
      )}
      {open && (
        <form className="console-form" onSubmit={(e) => void submit(e)} noValidate>
          {open.questions.map((q, i) => (
            <div className="field" key={q.id}>
              <label htmlFor={`answer-${q.id}`}>
                {i + 1}. {q.text}
              </label>
              <input id={`answer-${q.id}`} autoComplete="off" spellCheck={false} value={answers[q.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })} />
            </div>
          ))}
          <button type="submit" className="button" disabled={busy}>
            {t('console.questions.check')}
          </button>
        </form>
      )}
      <FormError message={error} />
    </section>
  );
}

function Outcomes({ caseId, options, run, closed, answeredBy, onDone }: { caseId: string; options: OutcomeOption[]; run: PlaybookRun | null; closed: boolean; answeredBy: string | null; onDone: () => void }) {
  const { t } = useLocale();
  const [comment, setComment] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const { error, setError, run: act } = useAction();
  const [running, setRunning] = useState<string | null>(null);
  const [shown, setShown] = useState<PlaybookRun | null>(run);
  useEffect(() => setShown(run), [run]);

  const apply = async (option: OutcomeOption) => {
    if (option.needsClosingComment && !comment.trim()) {
      setError(t('console.outcome.commentNeeded'));
      document.getElementById('outcome-comment')?.focus();
      return;
    }
    const body = { outcome: option.outcome, ...(comment.trim() ? { closingComment: comment.trim() } : {}), ...(answeredBy ? { answeredBy } : {}), ...(category ? { category } : {}) };
    await drive(option.title, () => consoleApi.outcome(caseId, body));
  };
  /** Runs (or resumes) the playbook, saying so while the server works through its steps. */
  const drive = async (title: string, fn: () => Promise<PlaybookRun>) => {
    setRunning(title);
    const ok = await act(async () => setShown(await fn()));
    setRunning(null);
    if (ok) onDone();
  };

  return (
    <section className="panel console-outcomes" aria-labelledby="outcomes-title">
      <h2 id="outcomes-title" tabIndex={-1}>
        {t('console.outcome.title')}
      </h2>
      <p aria-live="polite" className="console-running">
        {running ? t('console.outcome.running', { title: running }) : ''}
      </p>
      {!shown && !closed && (
        <>
          <div className="field">
            <label htmlFor="outcome-comment">{t('console.outcome.comment')}</label>
            <p className="field__hint" id="outcome-comment-hint">
              {t('console.outcome.commentHint')}
            </p>
            <textarea id="outcome-comment" rows={3} aria-describedby="outcome-comment-hint" value={comment} onChange={(e) => setComment(e.target.value)} />
          </div>
          <OutcomeCategory onChange={setCategory} />
          <ul className="console-outcome-list">
            {options.map((o) => (
              <li key={o.outcome}>
                <button
                  type="button"
                  className={`button${o.outcome === 'doubt' ? ' button--quiet' : ''}`}
                  disabled={!o.available || running !== null}
                  aria-describedby={o.missing.length ? `missing-${o.outcome}` : undefined}
                  onClick={() => void apply(o)}
                >
                  {o.title}
                </button>
                <OutcomeCategoryNote path={o.category} chosen={category} />
                {o.missing.length > 0 && (
                  <ul id={`missing-${o.outcome}`} className="console-missing">
                    {o.missing.map((m) => (
                      <li key={m.requirement}>{m.text}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <FormError message={error} />
      {shown && <RunSteps run={shown} onResume={() => void drive(shown.title, () => consoleApi.resume(shown.id))} busy={running !== null} />}
    </section>
  );
}
