import { UPCOMING, type UpcomingKey } from '../faces.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { rich } from '../i18n/rich.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { StatusBadge } from '../layout/StatusBadge.tsx';
import { Link } from '../router/Link.tsx';

/** A face that later issues build: what it will do, in plain words, and where to go meanwhile. */
export function UpcomingPage({ face }: { face: UpcomingKey }) {
  const { t } = useLocale();
  const { sourceId, planIds } = UPCOMING[face];
  return (
    <div className="page page--narrow">
      <PageTitle>{t(`web.face.${face}.name`)}</PageTitle>
      <p className="lead">{t(`web.face.${face}.summary`)}</p>
      <section className="panel" aria-labelledby="plan-heading">
        <h2 id="plan-heading" className="panel__heading">
          <StatusBadge status="upcoming" />
          <span>{t('web.upcoming.lead')}</span>
        </h2>
        <ol className="plan">
          {planIds.map((id) => (
            <li key={id}>{t(id)}</li>
          ))}
        </ol>
        <p className="muted">{t(sourceId)}</p>
      </section>
      <p>
        {rich(t('web.upcoming.meanwhile'), {
          home: <Link to="/">{t('web.upcoming.home')}</Link>,
          messages: <Link to="/dev/messages">{t('web.upcoming.messages')}</Link>,
        })}
      </p>
    </div>
  );
}
