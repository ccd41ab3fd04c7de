import { useCallback, useEffect, useState } from 'react';
import { ConsoleApiError, consoleApi, onSessionLost, type StaffMember } from './api.ts';

export type StaffLoad = { kind: 'loading' } | { kind: 'none'; ended: boolean } | { kind: 'error'; error: unknown } | { kind: 'ok'; staff: StaffMember };

/**
 * The signed-in staff member (`GET /api/staff/me`); `none` without a session. A later request
 * that finds the session gone (idle expiry, another tab's sign-out) turns it to `none`, with
 * `ended` so the login page can say why.
 */
export function useStaffSession(): { load: StaffLoad; reload: () => void; signedOut: () => void } {
  const [load, setLoad] = useState<StaffLoad>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    const stop = onSessionLost(() => {
      if (live) setLoad({ kind: 'none', ended: true });
    });
    consoleApi.me().then(
      ({ staff }) => live && setLoad({ kind: 'ok', staff }),
      (error: unknown) => {
        if (!live) return;
        setLoad(error instanceof ConsoleApiError && error.status === 401 ? { kind: 'none', ended: false } : { kind: 'error', error });
      },
    );
    return () => {
      live = false;
      stop();
    };
  }, [round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const signedOut = useCallback(() => setLoad({ kind: 'none', ended: false }), []);
  return { load, reload, signedOut };
}
