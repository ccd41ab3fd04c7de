import { useEffect, useRef } from 'react';
import { isWebPath } from '../../src/http/web-paths.ts';
import { customerSection } from './faces.ts';
import { LocaleProvider, useLocale } from './i18n/LocaleProvider.tsx';
import { CustomerLayout } from './layout/CustomerLayout.tsx';
import { Layout } from './layout/Layout.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PAGES, type PageSpec } from './pages.tsx';
import { usePathname } from './router/router.ts';
import { SiteProvider, useSite } from './site/SiteProvider.tsx';

const NOT_FOUND: PageSpec = { titleId: 'web.notFound.title', Component: NotFoundPage };

/** The web shell: language, the site (dev mode, brand), the layout and the page for the current path. */
export function App() {
  return (
    <LocaleProvider>
      <SiteProvider>
        <Shell />
      </SiteProvider>
    </LocaleProvider>
  );
}

function Shell() {
  const { t } = useLocale();
  const pathname = usePathname();
  const page = isWebPath(pathname) ? PAGES[pathname] : NOT_FOUND;
  const { Component } = page;
  // The customer faces are the bank's: its name, never the product's, in their title and frame.
  const section = customerSection(pathname);
  const bankName = useSite()?.brand.name ?? null;

  useEffect(() => {
    const name = t(page.titleId);
    const owner = section ? bankName : t('app.name');
    document.title = owner === null || name === owner ? name : `${name} · ${owner}`;
  }, [page, t, section, bankName]);

  useFocusOnNavigation(pathname);
  // The console is its own application: its frame (ConsoleFrame) is the whole screen, not the public layout.
  if (page !== NOT_FOUND && isConsolePath(pathname)) return <Component />;
  if (section) {
    return (
      <CustomerLayout section={section}>
        <Component />
      </CustomerLayout>
    );
  }
  return (
    <Layout>
      <Component />
    </Layout>
  );
}

const isConsolePath = (pathname: string) => pathname === '/console' || pathname.startsWith('/console/');

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
