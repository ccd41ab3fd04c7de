import { useCallback, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { errorText } from './errors.ts';

/**
 * One request a form makes: `busy` while it runs, the refusal's words in `error` after it
 * fails. `run` answers whether it succeeded, so the caller can clear its fields.
 */
export function useAction(): { busy: boolean; error: string | null; setError: (text: string | null) => void; run: (fn: () => Promise<unknown>) => Promise<boolean> } {
  const { t } = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (fn: () => Promise<unknown>) => {
      setBusy(true);
      setError(null);
      try {
        await fn();
        return true;
      } catch (err) {
        setError(errorText(t, err));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return { busy, error, setError, run };
}
