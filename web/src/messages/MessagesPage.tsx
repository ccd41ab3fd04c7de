import { useLocale } from '../i18n/LocaleProvider.tsx';
import { rich } from '../i18n/rich.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { navigate, usePathname, useSearch } from '../router/router.ts';
import type { MessageFilter } from './api.ts';
import { filterFromSearch, searchFromFilter } from './filter.ts';
import { MessageBoard } from './MessageBoard.tsx';
import { MessageFilters } from './MessageFilters.tsx';
import { useDevMessages } from './useDevMessages.ts';

/** Sent messages (dev mode): every SMS and email the dev sink delivered, newest first. */
export function MessagesPage() {
  const { t } = useLocale();
  const pathname = usePathname();
  const filter = filterFromSearch(useSearch());
  const feed = useDevMessages(filter);
  const apply = (next: MessageFilter) => navigate(pathname + searchFromFilter(next), { replace: true });
  return (
    <div className="page">
      <PageTitle>{t('web.face.messages.name')}</PageTitle>
      <p className="lead">{t('web.messages.lead')}</p>
      {feed.notDev ? (
        <div className="notice notice--info">
          <h2>{t('web.messages.notDev.title')}</h2>
          <p>{rich(t('web.messages.notDev.body'), { command: <code>npm start</code> })}</p>
        </div>
      ) : (
        <>
          <MessageFilters applied={filter} onApply={apply} />
          <MessageBoard feed={feed} filter={filter} />
        </>
      )}
    </div>
  );
}
