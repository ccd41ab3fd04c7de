import { useLocale } from '../i18n/LocaleProvider.tsx';
import { rich } from '../i18n/rich.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { Link } from '../router/Link.tsx';

/** Any path the router does not know (the server only serves known ones, but history may). */
export function NotFoundPage() {
  const { t } = useLocale();
  return (
    <div className="page page--narrow">
      <PageTitle>{t('web.notFound.title')}</PageTitle>
      <p>{rich(t('web.notFound.body'), { home: <Link to="/">{t('web.upcoming.home')}</Link> })}</p>
    </div>
  );
}
