import { useEffect, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { consoleApi, type Draft } from './api.ts';
import { FormError } from '../banking/Field.tsx';
import { dateTime } from './format.ts';
import { useAction } from './useAction.ts';

/**
 * The macros' email drafts of a case. Seed 002: "La macro no envía el correo, debemos enviarlo
 * nosotros": the agent reads and edits the text, then sends it with the office in copy (the
 * recipient and copies stay as the macro set them). Sending resumes the playbook waiting on it.
 */
export function DraftsPanel({ caseId, round, canSend, onChange }: { caseId: string; round: number; canSend: boolean; onChange: () => void }) {
  const { t } = useLocale();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const { error, run } = useAction();
  useEffect(() => {
    void run(async () => setDrafts((await consoleApi.drafts(caseId)).drafts));
  }, [caseId, round, run]);
  if (!error && (!drafts || drafts.length === 0)) return null;
  return (
    <section className="panel console-drafts" aria-labelledby="drafts-title">
      <h2 id="drafts-title" tabIndex={-1}>
        {t('console.drafts.title')}
      </h2>
      <FormError message={error} />
      {drafts?.map((d) => <DraftEditor key={d.id} draft={d} canSend={canSend} onChange={onChange} />)}
    </section>
  );
}

function DraftEditor({ draft, canSend, onChange }: { draft: Draft; canSend: boolean; onChange: () => void }) {
  const { t, locale } = useLocale();
  const [subject, setSubject] = useState(draft.subject);
  const [body, setBody] = useState(draft.body);
  const [status, setStatus] = useState<string>('');
  const { busy, error, run } = useAction();
  const sent = draft.status === 'sent';
  const dirty = subject !== draft.subject || body !== draft.body;
  const idp = `draft-${draft.id}`;

  /** Saves the edits (if any), then sends when asked: the text sent is the text on screen. */
  const act = async (send: boolean) => {
    const ok = await run(async () => {
      if (dirty) {
        await consoleApi.saveDraft(draft.id, { subject, body });
        setStatus(t('console.drafts.saved'));
      }
      if (send) {
        await consoleApi.sendDraft(draft.id);
        setStatus(t('console.drafts.sentNow'));
      }
    });
    if (ok) onChange();
  };

  return (
    <form className="console-form console-draft" onSubmit={(e) => e.preventDefault()} aria-label={draft.macroName}>
      <h3>{draft.macroName}</h3>
      <dl className="console-facts">
        <div>
          <dt>{t('console.drafts.to')}</dt>
          <dd>{draft.to}</dd>
        </div>
        <div>
          <dt>{t('console.drafts.cc')}</dt>
          <dd>{draft.cc.length ? draft.cc.join(', ') : '—'}</dd>
        </div>
        <div>
          <dt>{t('console.drafts.state')}</dt>
          <dd>{sent ? t('console.drafts.sentAt', { at: dateTime(draft.sentAt ?? draft.createdAt, locale) }) : t('console.drafts.notSent')}</dd>
        </div>
      </dl>
      <div className="field">
        <label htmlFor={`${idp}-subject`}>{t('console.drafts.subject')}</label>
        <input id={`${idp}-subject`} value={subject} readOnly={sent || !canSend} onChange={(e) => setSubject(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${idp}-body`}>{t('console.drafts.body')}</label>
        <textarea id={`${idp}-body`} rows={12} value={body} lang={draft.locale} readOnly={sent || !canSend} onChange={(e) => setBody(e.target.value)} />
      </div>
      <p role="status" className="muted">
        {status}
      </p>
      <FormError message={error} />
      {!sent && canSend && (
        <div className="console-actions">
          <button type="button" className="button button--quiet" disabled={busy || !dirty} onClick={() => void act(false)}>
            {t('console.drafts.save')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void act(true)} aria-keyshortcuts="e">
            {t('console.drafts.send')}
          </button>
        </div>
      )}
    </form>
  );
}
