import { useLocale } from '../i18n/LocaleProvider.tsx';
import { intlTag } from '../i18n/locale.ts';
import type { MessageFilter } from './api.ts';
import { isFiltered } from './filter.ts';
import { MessageItem } from './MessageItem.tsx';
import type { DevMessagesView } from './useDevMessages.ts';

interface BoardProps {
  feed: DevMessagesView & { refresh(): void };
  filter: MessageFilter;
}

/**
 * The polled list. The count sits in a polite live region: a screen reader hears "4 messages"
 * when one arrives, not the whole list again every two seconds.
 */
export function MessageBoard({ feed, filter }: BoardProps) {
  const { t, locale } = useLocale();
  const { messages, error, updatedAt, refresh } = feed;
  const count =
    messages === null
      ? t('web.messages.loading')
      : messages.length === 1
        ? t('web.messages.count.one')
        : t('web.messages.count.other', { count: messages.length });
  const time = updatedAt && new Intl.DateTimeFormat(intlTag(locale), { timeStyle: 'medium' }).format(updatedAt);

  return (
    <section aria-labelledby="list-heading" className="board">
      <div className="board__bar">
        <h2 id="list-heading">{t('web.messages.list')}</h2>
        <p className="board__count" role="status" aria-live="polite">
          {count}
        </p>
        {time && <p className="board__updated muted">{t('web.messages.updated', { time })}</p>}
        <button type="button" className="button button--quiet" onClick={refresh}>
          {t('web.messages.refresh')}
        </button>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {t('web.messages.error', { detail: error })}
        </p>
      )}
      {messages !== null && messages.length === 0 && (
        <div className="empty">
          {isFiltered(filter) ? (
            <p>{t('web.messages.empty.filtered')}</p>
          ) : (
            <>
              <p>{t('web.messages.empty')}</p>
              <p className="muted">{t('web.messages.empty.hint')}</p>
            </>
          )}
        </div>
      )}
      {messages !== null && messages.length > 0 && (
        <ol className="messages" aria-labelledby="list-heading">
          {messages.map((message) => (
            <MessageItem key={message.id} message={message} />
          ))}
        </ol>
      )}
    </section>
  );
}
