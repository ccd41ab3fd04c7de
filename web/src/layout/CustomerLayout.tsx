import type { ReactNode } from 'react';
import type { CustomerSection } from '../faces.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { rich } from '../i18n/rich.tsx';
import { useSite, type SiteInfo } from '../site/SiteProvider.tsx';
import { DemoMenu } from './DemoMenu.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/**
 * The bank's own frame around the customer faces (issue 15 §4): the brand and the section, as
 * seed 001 shows them ("GRUPO CAJAMAR | Recuperar contraseña"), the language, the page, and a
 * footer with the help line, the security advice and the legal line. Nothing of the product:
 * no menu of the other faces, no link to the API documentation or the metrics. In dev mode the
 * demo menu is there, folded at the very bottom.
 */
export function CustomerLayout({ section, children }: { section: CustomerSection; children: ReactNode }) {
  const { t } = useLocale();
  const site = useSite();
  return (
    <div className="customer-frame">
      <a className="skip-link" href="#main">
        {t('web.skip')}
      </a>
      <header className="bank-header">
        <div className="bank-header__inner">
          <p className="bank-header__title">
            {site && <BrandMark brand={site.brand} />}
            <span className="bank-header__sep" aria-hidden="true">
              |
            </span>
            <span className="bank-header__section">{t(`brand.section.${section}`)}</span>
          </p>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      {site && <BrandFooter brand={site.brand} />}
      {site?.dev && <DemoMenu />}
    </div>
  );
}

function BrandMark({ brand }: { brand: SiteInfo['brand'] }) {
  if (brand.logoUrl) return <img className="bank-header__logo" src={brand.logoUrl} alt={brand.name} />;
  return <span className="bank-header__name">{brand.name}</span>;
}

function BrandFooter({ brand }: { brand: SiteInfo['brand'] }) {
  const { locale, t } = useLocale();
  const phone = brand.helpPhone;
  return (
    <footer className="bank-footer">
      <div className="bank-footer__inner">
        <p className="bank-footer__help">
          {rich(t('brand.footer.help'), {
            phone: (
              <a href={`tel:${phone.e164}`} className="bank-footer__phone">
                {phone.display}
              </a>
            ),
          })}
        </p>
        <section className="bank-footer__security" aria-labelledby="bank-security-heading">
          <h2 id="bank-security-heading">{t('brand.footer.securityTitle')}</h2>
          <p>{brand.security[locale] ?? t('brand.footer.security')}</p>
        </section>
        <p className="bank-footer__legal">{brand.legal[locale] ?? t('brand.footer.legal', { year: new Date().getFullYear(), name: brand.name })}</p>
      </div>
    </footer>
  );
}
