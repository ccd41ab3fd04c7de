import { FACES, OPERATOR_LINKS, type Face } from '../faces.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { rich } from '../i18n/rich.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { StatusBadge } from '../layout/StatusBadge.tsx';
import { Link } from '../router/Link.tsx';

/** The start page: every face of the system, the operators' routes and where the demo data is. */
export function StartPage() {
  const { t } = useLocale();
  return (
    <div className="page">
      <PageTitle>{t('app.name')}</PageTitle>
      <p className="lead">{t('web.home.lead')}</p>

      <section aria-labelledby="faces-heading">
        <h2 id="faces-heading">{t('web.home.faces')}</h2>
        <ul className="cards">
          {FACES.map((face) => (
            <FaceCard key={face.key} face={face} />
          ))}
        </ul>
      </section>

      <div className="columns">
        <section aria-labelledby="demo-heading" className="panel">
          <h2 id="demo-heading">{t('web.home.demo')}</h2>
          <p>{rich(t('web.home.demo.body'), { file: <code>docs/demo.md</code> })}</p>
          <p>{rich(t('web.home.demo.reload'), { command: <code className="command">npm run cerrojo -- seed --demo --dev</code> })}</p>
          <p>
            {rich(t('web.home.demo.messages'), {
              link: <Link to="/dev/messages">{t('web.face.messages.name')}</Link>,
            })}
          </p>
        </section>

        <section aria-labelledby="operators-heading" className="panel">
          <h2 id="operators-heading">{t('web.home.operators')}</h2>
          <p>{t('web.home.operators.intro')}</p>
          <dl className="routes">
            {OPERATOR_LINKS.map((op) => (
              <div key={op.key}>
                <dt>
                  <a href={op.href}>{t(`web.ops.${op.key}.name`)}</a> <code>{op.href}</code>
                </dt>
                <dd>{t(`web.ops.${op.key}.summary`)}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </div>
  );
}

function FaceCard({ face }: { face: Face }) {
  const { t } = useLocale();
  const name = t(`web.face.${face.key}.name`);
  return (
    <li className="card">
      <h3 className="card__title">{face.server ? <a href={face.href}>{name}</a> : <Link to={face.href}>{name}</Link>}</h3>
      <p className="card__summary">{t(`web.face.${face.key}.summary`)}</p>
      <p className="card__meta">
        <code>{face.href}</code>
        <StatusBadge status={face.status} />
      </p>
    </li>
  );
}
