import { useEffect, useRef } from 'react';
import { isWebPath } from '../../src/http/web-paths.ts';
import { LocaleProvider, useLocale } from './i18n/LocaleProvider.tsx';
import { Layout } from './layout/Layout.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PAGES, type PageSpec } from './pages.tsx';
import { usePathname } from './router/router.ts';

const NOT_FOUND: PageSpec = { titleId: 'web.notFound.title', Component: NotFoundPage };

/** The web shell: language, layout and the page for the current path. */
export function App() {
  return (
    <LocaleProvider>
      <Shell />
    </LocaleProvider>
  );
}

function Shell() {
  const { t } = useLocale();
  const pathname = usePathname();
  const page = isWebPath(pathname) ? PAGES[pathname] : NOT_FOUND;
  const { Component } = page;

  useEffect(() => {
    const name = t(page.titleId);
    const product = t('app.name');
    document.title = name === product ? product : `${name} · ${product}`;
  }, [page, t]);

  useFocusOnNavigation(pathname);
  return (
    <Layout>
      <Component />
    </Layout>
  );
}

/**
 * After a client-side navigation, move focus to the new page's heading and scroll to the top,
 * as a full page load would; screen readers then announce the new page. Not on first load.
 */
function useFocusOnNavigation(pathname: string) {
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    window.scrollTo(0, 0);
    document.getElementById('page-title')?.focus();
  }, [pathname]);
}
