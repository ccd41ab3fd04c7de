import { useMemo, useState, type ReactNode } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { Link } from '../router/Link.tsx';
import { navigate } from '../router/router.ts';
import { consoleApi, setApiLocale, type StaffMember } from './api.ts';
import { ConsoleLogin } from './ConsoleLogin.tsx';
import { errorText } from './errors.ts';
import { pagesFor } from './nav.ts';
import { useConsoleEvents, type MentionEvent } from './events.ts';
import { useStaffSession } from './session.ts';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { useShortcuts } from './shortcuts.ts';
import { AlertWordsProvider } from './words.tsx';

/**
 * The console is its own application (issue 15): every console page renders inside this frame,
 * not inside the public site's layout (no public header, menu or footer). The frame is the whole
 * screen: a skip link, the console's top bar (product, the console's pages, who is signed in and
 * their role, language, shortcuts help, sign-out) and the page in `<main>`. Without a staff
 * session the page is the sign-in; with one, the page receives the staff member, and the alert
 * catalogue (situations and detail keys in words) is loaded for it.
 */
export function ConsoleFrame({ children, fill = false }: { children: (staff: StaffMember) => ReactNode; /** The page fills the screen below the bar and its panes scroll, not the page (the workspace). */ fill?: boolean }) {
  const { t, locale } = useLocale();
  setApiLocale(locale);
  const { load, reload, signedOut } = useStaffSession();
  const [help, setHelp] = useState(false);
  const keys = useMemo(() => ({ '?': () => setHelp(true), g: () => navigate('/console') }), []);
  useShortcuts(keys);

  if (load.kind === 'none') {
    return (
      <ConsoleShell>
        <ConsoleLogin ended={load.ended} onSignedIn={reload} />
      </ConsoleShell>
    );
  }
  if (load.kind !== 'ok') {
    return (
      <ConsoleShell>
        <div className="page console-page">
          <PageTitle>{t('web.face.console.name')}</PageTitle>
          {load.kind === 'error' ? (
            <p className="notice notice--error" role="alert">
              {errorText(t, load.error)}
            </p>
          ) : (
            <p className="muted">{t('console.loading')}</p>
          )}
        </div>
      </ConsoleShell>
    );
  }
  const { staff } = load;
  const logout = async () => {
    let providerLogout: string | undefined;
    try {
      providerLogout = (await consoleApi.logout())?.endSessionUrl;
    } finally {
      signedOut();
      navigate('/console', { replace: true });
    }
    // A single sign-on session also ends at the bank's identity provider.
    if (providerLogout) window.location.assign(providerLogout);
  };
  const bar = (
    <>
      <nav className="console-top__nav" aria-label={t('console.nav.label')}>
        <ul>
          {pagesFor(staff.role).map((p) => (
            <li key={p.path}>
              <Link to={p.path} markCurrent>
                {t(p.labelId)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="console-top__tools">
        <p className="console-top__user">
          <span className="console-top__name">{staff.name}</span>
          <span className="console-top__role">
            {t(`console.role.${staff.role}`)}
            {staff.officeCode ? ` · ${t('backoffice.queue.office', { code: staff.officeCode })}` : ''}
          </span>
        </p>
        <LanguageSwitch />
        {/* Shown as its key, "?", so the bar stays one row at 1440 px; its name says what it opens. */}
        <button type="button" className="console-top__button console-top__button--key" onClick={() => setHelp(true)} aria-keyshortcuts="?" aria-label={t('console.keys.button')} title={t('console.keys.button')}>
          <span aria-hidden="true">?</span>
        </button>
        <button type="button" className="console-top__button" onClick={() => void logout()}>
          {t('console.logout')}
        </button>
      </div>
    </>
  );
  return (
    <ConsoleShell bar={bar} fill={fill}>
      <AlertWordsProvider>
        <div className={`page console-page${fill ? ' console-page--fill' : ''}`}>
          <LiveMentions />
          {children(staff)}
        </div>
      </AlertWordsProvider>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </ConsoleShell>
  );
}

/** The console's screen: skip link, its own top bar (the product; `bar` once signed in), and `<main>`. */
function ConsoleShell({ bar, fill = false, children }: { bar?: ReactNode; fill?: boolean; children: ReactNode }) {
  const { t } = useLocale();
  return (
    <div className={`console-app${fill ? ' console-app--fill' : ''}`}>
      <a className="skip-link" href="#main">
        {t('web.skip')}
      </a>
      <header className="console-top">
        <Link to="/console" className="console-top__brand">
          <span className="brand__mark" aria-hidden="true" />
          <span>
            <span className="console-top__product">{t('app.name')}</span> <span className="console-top__app">{t('web.face.console.name')}</span>
          </span>
        </Link>
        {bar ?? <LanguageSwitch />}
      </header>
      <main id="main" tabIndex={-1} className="console-main">
        {children}
      </main>
    </div>
  );
}

/** A mention of the person's office (or one of its managers) arriving live, with a link to its case. */
function LiveMentions() {
  const { t } = useLocale();
  const [latest, setLatest] = useState<MentionEvent | null>(null);
  useConsoleEvents({ onMention: setLatest });
  return (
    <div role="status" aria-live="polite">
      {latest && (
        <p className="notice notice--info console-live-mention">
          {t(latest.targetKind === 'manager' ? 'console.live.mentionManager' : 'console.live.mentionOffice', { target: latest.targetId })}{' '}
          <Link to={`/console/case?id=${latest.caseId}`}>{t('console.live.openCase')}</Link>
        </p>
      )}
    </div>
  );
}
