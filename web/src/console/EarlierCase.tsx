import { useLocale } from '../i18n/LocaleProvider.tsx';
import { Link } from '../router/Link.tsx';
import type { CaseDetail } from './api.ts';

/**
 * The earlier, closed case of the same customer and situation this alert's case follows (issue
 * 13): the agent sees it is not the first time, and can read how it was handled.
 */
export function EarlierCase({ detail }: { detail: CaseDetail }) {
  const { t } = useLocale();
  const earlier = detail.earlierCase;
  if (!earlier) return null;
  return (
    <p className="console-earlier">
      {t('console.earlier.label')}{' '}
      <Link to={`/console/case?id=${earlier.id}`}>
        {t('console.earlier.case', { number: earlier.number })} ({t(`backoffice.status.${earlier.status}`)})
      </Link>
    </p>
  );
}
