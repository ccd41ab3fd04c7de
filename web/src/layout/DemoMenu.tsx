import { FACES, OPERATOR_LINKS } from '../faces.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { Link } from '../router/Link.tsx';

/**
 * Dev mode only: every face of the demo, folded into a small "Demo" disclosure at the bottom of
 * the customer pages, out of the customer's way. Production never draws it.
 */
export function DemoMenu() {
  const { t } = useLocale();
  return (
    <nav className="demo-menu" aria-label={t('brand.demo.label')}>
      <details>
        <summary>{t('brand.demo.toggle')}</summary>
        <p className="demo-menu__note">{t('brand.demo.note')}</p>
        <ul>
          <li>
            <Link to="/">{t('web.nav.home')}</Link>
          </li>
          {FACES.map((face) => (
            <li key={face.key}>{face.server ? <a href={face.href}>{t(`web.face.${face.key}.name`)}</a> : <Link to={face.href}>{t(`web.face.${face.key}.name`)}</Link>}</li>
          ))}
          {OPERATOR_LINKS.map((op) => (
            <li key={op.key}>
              <a href={op.href}>{t(`web.ops.${op.key}.name`)}</a>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}
