import { useEffect, useState } from 'react';
import type * as PasswordPolicy from '../../../src/banking/password-policy.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { strengthText } from './labels.ts';

type Policy = typeof PasswordPolicy;

let policy: Promise<Policy> | undefined;
/** The shared password policy, loaded on first use: its dictionaries are large. */
export function loadPolicy(): Promise<Policy> {
  policy ??= import('../../../src/banking/password-policy.ts');
  return policy;
}

interface Measured {
  score: number;
  common: boolean;
}

/**
 * "Fortaleza: Muy débil … Muy fuerte" (seed 001), measured in the browser by the same zxcvbn-ts
 * policy the server applies. The words sit in a polite live region, so a screen reader hears the
 * level settle while typing; the bar only repeats them.
 */
export function StrengthMeter({ id, password, userInputs }: { id: string; password: string; userInputs: string[] }) {
  const { t } = useLocale();
  const [measured, setMeasured] = useState<Measured | null>(null);
  const inputsKey = userInputs.join('\n');

  useEffect(() => {
    if (!password) {
      setMeasured(null);
      return;
    }
    let live = true;
    // A short pause so each keystroke does not cost a dictionary search.
    const timer = window.setTimeout(() => {
      void loadPolicy().then((p) => {
        if (live) setMeasured(p.passwordStrength(password, inputsKey ? inputsKey.split('\n') : []));
      });
    }, 120);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [password, inputsKey]);

  const score = measured?.common ? 0 : (measured?.score ?? -1);
  const text = score < 0 ? t('web.bank.strength.empty') : strengthText(t, score);
  return (
    <div className="bank-meter" data-score={score}>
      <div className="bank-meter__bar" aria-hidden="true">
        {[0, 1, 2, 3, 4].map((i) => (
          <span key={i} className={i <= score ? 'is-on' : undefined} />
        ))}
      </div>
      <p id={id} className="bank-meter__text" aria-live="polite" aria-atomic="true">
        {text}
        {measured?.common && ` ${t('web.bank.strength.common')}`}
      </p>
    </div>
  );
}
