import { useEffect, useRef } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { setShortcutsEnabled, SHORTCUTS, useShortcutsEnabled } from './shortcuts.ts';

/** The keyboard shortcuts, documented, with the switch that turns them off (WCAG 2.1.4). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useLocale();
  const ref = useRef<HTMLDialogElement>(null);
  const enabled = useShortcutsEnabled();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="console-dialog" aria-labelledby="console-keys-title" onClose={onClose}>
      <h2 id="console-keys-title">{t('console.keys.title')}</h2>
      <p>{t('console.keys.lead')}</p>
      <table className="console-keys">
        <caption className="visually-hidden">{t('console.keys.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.keys.key')}</th>
            <th scope="col">{t('console.keys.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.key}>
              <td>
                <kbd>{s.key}</kbd>
              </td>
              <td>{t(s.labelId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="console-check">
        <input type="checkbox" checked={enabled} onChange={(e) => setShortcutsEnabled(e.target.checked)} />
        {t('console.keys.enabled')}
      </label>
      <div className="console-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('console.close')}
        </button>
      </div>
    </dialog>
  );
}
