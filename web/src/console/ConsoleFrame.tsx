import { useMemo, useState, type ReactNode } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
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

/**
 * Every console page renders inside this frame: without a staff session it shows the sign-in;
 * with one, the bar (who is signed in, the console's pages, shortcuts help, sign-out) and the
 * page, which receives the staff member.
 */
export function ConsoleFrame({ children }: { children: (staff: StaffMember) => ReactNode }) {
  const { t, locale } = useLocale();
  setApiLocale(locale);
  const { load, reload, signedOut } = useStaffSession();
  const [help, setHelp] = useState(false);
  const keys = useMemo(() => ({ '?': () => setHelp(true), g: () => navigate('/console') }), []);
  useShortcuts(keys);

  if (load.kind === 'none') return <ConsoleLogin ended={load.ended} onSignedIn={reload} />;
  if (load.kind !== 'ok') {
    return (
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
    );
  }
  const { staff } = load;
  const logout = async () => {
    try {
      await consoleApi.logout();
    } finally {
      signedOut();
      navigate('/console', { replace: true });
    }
  };
  return (
    <div className="page console-page">
      <div className="bank-bar console-bar">
        <p className="bank-bar__user">
          {staff.name} · {t(`console.role.${staff.role}`)}
          {staff.officeCode ? ` · ${t('backoffice.queue.office', { code: staff.officeCode })}` : ''}
        </p>
        <nav aria-label={t('console.nav.label')}>
          <ul className="bank-bar__links">
            {pagesFor(staff.role).map((p) => (
              <li key={p.path}>
                <Link to={p.path} markCurrent>
                  {t(p.labelId)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="console-bar__tools">
          <button type="button" className="button button--quiet bank-bar__logout" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            {t('console.keys.button')}
          </button>
          <button type="button" className="button button--quiet bank-bar__logout" onClick={() => void logout()}>
            {t('console.logout')}
          </button>
        </div>
      </div>
      <LiveMentions />
      {children(staff)}
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
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
