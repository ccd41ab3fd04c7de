import { useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { consoleApi, type CaseDetail } from './api.ts';
import { FormError } from '../banking/Field.tsx';
import { actorName, dateTime } from './format.ts';
import { useAction } from './useAction.ts';

/** The case's mentions (to an office or a manager), and a new one: it lands in their inbox. */
export function MentionsPanel({ detail, onChange }: { detail: CaseDetail; onChange: () => void }) {
  const { t, locale } = useLocale();
  const customer = detail.case.customer;
  const [kind, setKind] = useState<'office' | 'manager'>('office');
  const [target, setTarget] = useState(customer.officeCode);
  const [text, setText] = useState('');
  const { busy, error, setError, run } = useAction();

  const pick = (next: 'office' | 'manager') => {
    setKind(next);
    setTarget(next === 'office' ? customer.officeCode : (customer.managerId ?? ''));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!target.trim() || !text.trim()) {
      setError(t('console.mention.incomplete'));
      return;
    }
    if (await run(() => consoleApi.mention(detail.case.id, kind, target.trim(), text.trim()))) {
      setText('');
      onChange();
    }
  };

  return (
    <section className="panel console-mentions" aria-labelledby="mentions-title">
      <h2 id="mentions-title">{t('console.mention.title')}</h2>
      {detail.mentions.length === 0 ? (
        <p>{t('console.mention.none')}</p>
      ) : (
        <ul className="console-list">
          {detail.mentions.map((m) => (
            <li key={m.id}>
              <strong>
                {m.targetKind === 'office' ? t('console.mention.office') : t('console.mention.manager')} {m.targetId}
              </strong>{' '}
              · {dateTime(m.createdAt, locale)} · {actorName(m.createdBy)}
              {m.readAt ? ` · ${t('console.mention.read')}` : ''}
              <p>{m.text}</p>
            </li>
          ))}
        </ul>
      )}
      <form className="console-form" onSubmit={(e) => void submit(e)} noValidate>
        <h3>{t('console.mention.new')}</h3>
        <fieldset>
          <legend>{t('console.mention.to')}</legend>
          <label className="console-check">
            <input type="radio" name="mention-kind" checked={kind === 'office'} onChange={() => pick('office')} />
            {t('console.mention.office')}
          </label>
          <label className="console-check">
            <input type="radio" name="mention-kind" checked={kind === 'manager'} onChange={() => pick('manager')} />
            {t('console.mention.manager')}
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="mention-target">{kind === 'office' ? t('console.mention.officeCode') : t('console.mention.managerId')}</label>
          <input id="mention-target" value={target} onChange={(e) => setTarget(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="mention-text">{t('console.mention.text')}</label>
          <textarea id="mention-text" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <FormError message={error} />
        <button type="submit" className="button" disabled={busy}>
          {t('console.mention.send')}
        </button>
      </form>
    </section>
  );
}
