import { useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import type { MessageFilter } from './api.ts';
import { isChannel, isFiltered } from './filter.ts';

/**
 * Recipient and channel. The recipient applies on submit (the server matches a whole phone or
 * address, so filtering while typing would flash an empty list); the channel applies at once.
 */
export function MessageFilters({ applied, onApply }: { applied: MessageFilter; onApply(filter: MessageFilter): void }) {
  const { t } = useLocale();
  const [to, setTo] = useState(applied.to);
  // The address can change the filter too (back button): follow it without re-mounting,
  // which would take the keyboard focus away from the form.
  const [seen, setSeen] = useState(applied.to);
  if (applied.to !== seen) {
    setSeen(applied.to);
    setTo(applied.to);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ to: to.trim(), channel: applied.channel });
  };
  const clear = () => {
    setTo('');
    onApply({ to: '', channel: '' });
  };
  return (
    <form className="filters" role="search" aria-label={t('web.messages.filter')} onSubmit={submit}>
      <div className="field field--grow">
        <label htmlFor="filter-to">{t('web.messages.recipient')}</label>
        <input
          id="filter-to"
          type="search"
          value={to}
          maxLength={254}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="filter-to-hint"
          onChange={(e) => setTo(e.target.value)}
        />
        <p id="filter-to-hint" className="field__hint">
          {t('web.messages.recipient.hint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="filter-channel">{t('web.messages.channel')}</label>
        <select
          id="filter-channel"
          value={applied.channel}
          onChange={(e) => onApply({ to: to.trim(), channel: isChannel(e.target.value) ? e.target.value : '' })}
        >
          <option value="">{t('web.messages.channel.all')}</option>
          <option value="sms">{t('web.messages.channel.sms')}</option>
          <option value="email">{t('web.messages.channel.email')}</option>
        </select>
      </div>
      <div className="filters__actions">
        <button type="submit" className="button">
          {t('web.messages.apply')}
        </button>
        {isFiltered(applied) && (
          <button type="button" className="button button--quiet" onClick={clear}>
            {t('web.messages.clear')}
          </button>
        )}
      </div>
    </form>
  );
}
