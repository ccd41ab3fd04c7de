import { useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { FormError } from '../banking/Field.tsx';
import { consoleApi, type CaseDetail } from './api.ts';
import { categoryLabel, CategoryFields, choiceOf, choicePath, isSpecialChoice, useCategoryTree, type CategoryChoice } from './CategoryFields.tsx';
import { useAction } from './useAction.ts';

/**
 * Closing a case (seed 002): the closing comments ("se cierra el caso detallando en comentarios
 * de cierre la gestión realizada") and its category ("Es de suma importancia categorizar el
 * caso"): the one the case has, shown, or chosen here when it has none.
 */
export function CloseForm({ detail, onDone }: { detail: CaseDetail; onDone: (message: string) => void }) {
  const { t, locale } = useLocale();
  const c = detail.case;
  const { tree } = useCategoryTree();
  const [closing, setClosing] = useState('');
  const [choice, setChoice] = useState<CategoryChoice>(() => choiceOf(null));
  const { busy, error, setError, run } = useAction();

  const close = async (e: FormEvent) => {
    e.preventDefault();
    if (!closing.trim()) {
      setError(t('backoffice.error.closing_comment_required'));
      return;
    }
    const path = c.category ? null : choicePath(choice);
    if (!c.category && !path) {
      setError(t('backoffice.error.category_required'));
      document.getElementById('close-cat-1')?.focus();
      return;
    }
    const special = tree !== null && path !== null && isSpecialChoice(tree, choice);
    if (special && !choice.accountChanged) {
      setError(t('backoffice.error.special_category'));
      return;
    }
    const category = path ? { category: path, ...(special ? { accountChanged: true } : {}) } : undefined;
    const ok = await run(() => consoleApi.close(c.id, closing.trim(), category));
    if (ok) setClosing('');
    onDone(ok ? t('console.work.closeDone') : '');
  };

  return (
    <form className="console-form" onSubmit={(e) => void close(e)} noValidate aria-labelledby="close-title">
      <h3 id="close-title">{t('console.close.title')}</h3>
      {c.category ? (
        <p>{t('console.close.withCategory', { category: tree ? categoryLabel(tree, c.category, locale) : c.category })}</p>
      ) : (
        <>
          <p>{t('console.close.chooseCategory')}</p>
          {tree && <CategoryFields tree={tree} idPrefix="close-cat" value={choice} onChange={setChoice} />}
        </>
      )}
      <div className="field">
        <label htmlFor="case-closing">{t('console.case.closingComment')}</label>
        <textarea id="case-closing" rows={3} value={closing} onChange={(e) => setClosing(e.target.value)} />
      </div>
      <FormError message={error} />
      <button type="submit" className="button" disabled={busy}>
        {t('console.work.close')}
      </button>
    </form>
  );
}
