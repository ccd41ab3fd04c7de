import { useEffect } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { KEYPAD, keypadKey } from './keys.ts';

/** The twelve keys; the keyboard's digits, * and # press them too while a call is on. */
export function Keypad({ enabled, onKey }: { enabled: boolean; onKey(key: string): void }) {
  const { t } = useLocale();
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      // Typing in a field (the caller's number) is not dialling.
      if (event.ctrlKey || event.metaKey || event.altKey || (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
      const key = keypadKey(event.key);
      if (!key) return;
      event.preventDefault();
      onKey(key);
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [enabled, onKey]);
  return (
    <div className="keypad" role="group" aria-label={t('web.phone.keypad')}>
      {KEYPAD.map((key) => (
        <button key={key} type="button" className="keypad__key" aria-disabled={!enabled} onClick={() => enabled && onKey(key)}
          aria-label={key === '*' ? t('web.phone.key.star') : key === '#' ? t('web.phone.key.hash') : key}>
          {key}
        </button>
      ))}
    </div>
  );
}
