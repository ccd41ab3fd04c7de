import { useCallback, useEffect, useState } from 'react';
import { navigate } from '../router/router.ts';
import { BankingApiError, bankingApi, onSessionLost, type BankingSession } from './api.ts';

/**
 * The online-banking session as the pages see it, and the notice the login page shows after a
 * session ends (inactivity, sign-out). The notice lives in page memory only: a reload of the
 * login page simply shows the login page.
 */
export type Notice = { kind: 'expired'; minutes: number } | { kind: 'ended' } | { kind: 'loggedOut' };

let pending: Notice | null = null;
/** Minutes of inactivity the server allows, remembered from the last session seen (5 by default). */
let idleMinutes = 5;
/** Whether this page load has seen a session: only then is "your session has ended" news. */
let hadSession = false;

/** Leaves a notice for the login page (a sign-out also forgets the session). */
export function leaveNotice(notice: Notice): void {
  pending = notice;
  if (notice.kind === 'loggedOut') hadSession = false;
}

/** The notice left for the login page (read it, then `clearNotice` once shown). */
export const currentNotice = (): Notice | null => pending;

export function clearNotice(): void {
  pending = null;
}

/** A lost session leaves a polite word on why, once, and the customer goes to the login page. */
function sessionLost(err: BankingApiError): void {
  if (err.reason === 'logged_out') leaveNotice({ kind: 'loggedOut' });
  else if (err.reason === 'session_expired') leaveNotice({ kind: 'expired', minutes: idleMinutes });
  else if (hadSession) leaveNotice({ kind: 'ended' });
  hadSession = false;
  if (window.location.pathname !== '/banking') navigate('/banking', { replace: true });
}

export type SessionLoad = { kind: 'loading' } | { kind: 'none' } | { kind: 'error'; error: unknown } | { kind: 'ok'; session: BankingSession };

/**
 * Loads `GET /api/banking/session`; `none` when there is none (the login page then shows). Any
 * later request that finds the session gone turns it to `none` as well.
 */
export function useBankingSession(): { load: SessionLoad; reload: () => void } {
  const [load, setLoad] = useState<SessionLoad>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    const stop = onSessionLost((err) => {
      sessionLost(err);
      if (live) setLoad({ kind: 'none' });
    });
    bankingApi.session().then(
      (session) => {
        idleMinutes = Math.max(1, Math.round(session.idleSeconds / 60));
        hadSession = true;
        if (live) setLoad({ kind: 'ok', session });
      },
      (error: unknown) => {
        if (live && !(error instanceof BankingApiError && error.sessionLost)) setLoad({ kind: 'error', error });
      },
    );
    return () => {
      live = false;
      stop();
    };
  }, [round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { load, reload };
}
