import { LOCALES } from '../../../src/i18n/catalogue.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';

/**
 * Español / English as two toggle buttons. Each label carries its own `lang`, so a screen
 * reader pronounces "English" in English on a Spanish page.
 */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useLocale();
  return (
    <div className="lang-switch" role="group" aria-label={t('web.lang.label')}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === locale}
          onClick={() => setLocale(option)}
        >
          {t(`web.lang.${option}`)}
        </button>
      ))}
    </div>
  );
}
