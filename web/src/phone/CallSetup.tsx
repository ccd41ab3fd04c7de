import { useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import type { PhoneDirectory } from './api.ts';
import { displayPhone } from './format.ts';
import { lineName } from './lineName.ts';

const OTHER = 'other';

export interface CallTarget {
  from: string;
  to: string;
  /** The unlock line asks for the language itself; the others speak the page's language. */
  askLanguage: boolean;
}

/** Who calls (a demo customer's phone or any number typed) and which line of the bank. */
export function CallSetup({ directory, inCall, onFrom, onCall }: { directory: PhoneDirectory; inCall: boolean; onFrom(from: string): void; onCall(target: CallTarget): void }) {
  const { t } = useLocale();
  const [choice, setChoice] = useState(directory.callers[0]?.phone ?? OTHER);
  const [typed, setTyped] = useState('');
  const [to, setTo] = useState(directory.lines[0]?.number ?? '');
  const from = choice === OTHER ? typed.trim() : choice;
  const pick = (value: string) => {
    setChoice(value);
    onFrom(value === OTHER ? typed.trim() : value);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!from || !to) return;
    onFrom(from);
    onCall({ from, to, askLanguage: directory.lines.find((l) => l.number === to)?.key === 'unlock' });
  };
  return (
    <form className="phone-setup" onSubmit={submit} aria-label={t('web.phone.setup')}>
      <div className="field">
        <label htmlFor="phone-from">{t('web.phone.from')}</label>
        <select id="phone-from" value={choice} disabled={inCall} onChange={(e) => pick(e.target.value)}>
          {directory.callers.map((c) => (
            <option key={c.phone} value={c.phone}>
              {c.kind === 'mobile' ? t('web.phone.caller.mobile', { name: c.name, phone: displayPhone(c.phone) }) : t('web.phone.caller.landline', { name: c.name, phone: displayPhone(c.phone) })}
            </option>
          ))}
          <option value={OTHER}>{t('web.phone.from.other')}</option>
        </select>
      </div>
      {choice === OTHER && (
        <div className="field">
          <label htmlFor="phone-from-typed">{t('web.phone.from.typed')}</label>
          <input id="phone-from-typed" type="tel" inputMode="tel" autoComplete="off" maxLength={32} value={typed} disabled={inCall}
            aria-describedby="phone-from-hint" onChange={(e) => setTyped(e.target.value)} onBlur={() => onFrom(typed.trim())} />
          <p id="phone-from-hint" className="field__hint">{t('web.phone.from.hint')}</p>
        </div>
      )}
      <div className="field">
        <label htmlFor="phone-to">{t('web.phone.to')}</label>
        <select id="phone-to" value={to} disabled={inCall} onChange={(e) => setTo(e.target.value)}>
          {directory.lines.map((l) => (
            <option key={l.number} value={l.number}>
              {`${displayPhone(l.number)} · ${lineName(t, l.key)}`}
            </option>
          ))}
        </select>
      </div>
      {!inCall && (
        <button type="submit" className="button phone-call" disabled={!from}>
          {t('web.phone.call')}
        </button>
      )}
    </form>
  );
}
