import { useEffect, type ReactNode } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { Link } from '../router/Link.tsx';
import { usePathname } from '../router/router.ts';
import { bankingApi, lastActivity, type BankingSession } from './api.ts';

/**
 * The bar every signed-in page shares: who is signed in, the sections and "Salir". A page left
 * untouched past the idle limit asks the server once, so the "session ended" notice appears
 * without waiting for the next click.
 */
export function BankingFrame({ session, children }: { session: BankingSession; children: ReactNode }) {
  const { t } = useLocale();
  useIdleCheck(session.idleSeconds);
  const active = session.state === 'active';
  // Signed out even when the network fails: the session then ends by inactivity on the server.
  const logout = () => bankingApi.logout().catch(() => undefined);
  return (
    <div className="bank">
      <nav className="bank-bar" aria-label={t('web.bank.nav.label')}>
        <p className="bank-bar__user">{t('web.bank.nav.user', { name: session.customer.name })}</p>
        <ul className="bank-bar__links">
          {active && (
            <>
              <li>
                <BankLink to="/banking">{t('web.bank.nav.home')}</BankLink>
              </li>
              {session.profile === 'full' && (
                <li>
                  <BankLink to="/banking/transfer">{t('web.bank.nav.transfer')}</BankLink>
                </li>
              )}
              <li>
                <BankLink to="/banking/devices">{t('web.bank.nav.devices')}</BankLink>
              </li>
            </>
          )}
          <li>
            <button type="button" className="button button--quiet bank-bar__logout" onClick={() => void logout()}>
              {t('web.bank.nav.logout')}
            </button>
          </li>
        </ul>
      </nav>
      {children}
    </div>
  );
}

function BankLink({ to, children }: { to: string; children: ReactNode }) {
  const pathname = usePathname();
  return (
    <Link to={to} aria-current={pathname === to ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** Past the idle limit with no request, one `GET /session`: a 401 then brings the notice. */
function useIdleCheck(idleSeconds: number) {
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity() > (idleSeconds + 2) * 1000) bankingApi.session().catch(() => undefined);
    }, 10_000);
    return () => window.clearInterval(timer);
  }, [idleSeconds]);
}
