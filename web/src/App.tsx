import { t } from '../../src/i18n/catalogue.ts';

export function App() {
  return (
    <main>
      <h1>{t('app.name', 'es')}</h1>
      <p>{t('app.tagline', 'es')}</p>
    </main>
  );
}
