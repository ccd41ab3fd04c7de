import type { ReactNode } from 'react';
import { FACES } from '../faces.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { Link } from '../router/Link.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** Skip link, header with the product name and language, section links, main and footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useLocale();
  const sections = FACES.filter((face) => !face.server);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('web.skip')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand" aria-label={t('web.brand.home')}>
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">{t('app.name')}</span>
          </Link>
          <p className="site-header__tagline">{t('app.tagline')}</p>
          <LanguageSwitch />
        </div>
        <nav className="site-nav" aria-label={t('web.nav.label')}>
          <ul>
            <li>
              <Link to="/" markCurrent>
                {t('web.nav.home')}
              </Link>
            </li>
            {sections.map((face) => (
              <li key={face.key}>
                <Link to={face.href} markCurrent>
                  {t(`web.face.${face.key}.name`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>
            {t('web.footer.license')} {t('web.footer.fictitious')}
          </p>
          <nav aria-label={t('web.footer.links')}>
            <ul>
              <li>
                <a href="/docs">{t('web.face.docs.name')}</a>
              </li>
              <li>
                <a href="/healthz">{t('web.ops.healthz.name')}</a>
              </li>
              <li>
                <a href="/metrics">{t('web.ops.metrics.name')}</a>
              </li>
            </ul>
          </nav>
        </div>
      </footer>
    </>
  );
}
