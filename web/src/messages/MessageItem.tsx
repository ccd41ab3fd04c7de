import { useLocale } from '../i18n/LocaleProvider.tsx';
import { intlTag } from '../i18n/locale.ts';
import type { DevMessage } from './api.ts';
import { ChannelIcon } from './ChannelIcon.tsx';

/** One delivered SMS or email: channel, recipient, time, subject and the body as sent. */
export function MessageItem({ message }: { message: DevMessage }) {
  const { t, locale } = useLocale();
  const when = new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'short', timeStyle: 'medium' }).format(
    new Date(message.deliveredAt),
  );
  return (
    <li className={`message message--${message.channel}`} data-message-id={message.id}>
      <div className="message__head">
        <span className={`channel channel--${message.channel}`}>
          <ChannelIcon channel={message.channel} />
          {t(`web.messages.channel.${message.channel}`)}
        </span>
        <h3 className="message__to">{t('web.messages.to', { recipient: message.recipient })}</h3>
        <time className="message__time" dateTime={message.deliveredAt}>
          {when}
        </time>
      </div>
      {message.cc.length > 0 && (
        <p className="message__cc">
          <span className="muted">{t('web.messages.cc')}:</span> {message.cc.join(', ')}
        </p>
      )}
      {message.subject !== null && (
        <p className="message__subject">
          <span className="muted">{t('web.messages.subject')}:</span> {message.subject}
        </p>
      )}
      <div className="message__body">{message.body}</div>
      <p className="message__template">{t('web.messages.template', { template: message.template })}</p>
    </li>
  );
}
