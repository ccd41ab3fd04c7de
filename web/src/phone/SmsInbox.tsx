import { useLocale } from '../i18n/LocaleProvider.tsx';
import { intlTag } from '../i18n/locale.ts';
import { useDevMessages } from '../messages/useDevMessages.ts';
import { displayPhone } from './format.ts';

/** The SMS that reach the caller's phone, newest first, polled from the dev sink every 2 s. */
export function SmsInbox({ phone }: { phone: string }) {
  const { t, locale } = useLocale();
  const feed = useDevMessages({ to: phone, channel: 'sms' });
  const time = new Intl.DateTimeFormat(intlTag(locale), { timeStyle: 'short' });
  return (
    <section className="panel sms" aria-labelledby="sms-heading">
      <h2 id="sms-heading">{t('web.phone.sms', { phone: phone ? displayPhone(phone) : '—' })}</h2>
      <div aria-live="polite">
        {feed.error && <p className="notice notice--error">{t('web.phone.sms.error')}</p>}
        {!phone || !feed.messages || feed.messages.length === 0 ? (
          <p className="muted">{t('web.phone.sms.empty')}</p>
        ) : (
          <ol className="sms__list">
            {feed.messages.map((m) => (
              <li key={m.id} className="sms__bubble" data-message-id={m.id}>
                <p className="sms__body">{m.body}</p>
                <time className="sms__time" dateTime={m.deliveredAt}>{time.format(new Date(m.deliveredAt))}</time>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
