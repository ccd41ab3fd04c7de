import { useEffect, useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { consoleApi } from './api.ts';
import { FormError } from '../banking/Field.tsx';
import { categoryLabel, CategoryFields, choiceOf, choicePath, isSpecialChoice, useCategoryTree, type CategoryChoice } from './CategoryFields.tsx';
import { useAction } from './useAction.ts';

export { categoryLabel };

/**
 * The three-level category picker. Seed 002: "La Tipología 2 queda reservada para uso en
 * categorizaciones especiales": a special level-2 category needs the agent to say the account or
 * its holders really change, and the server refuses it otherwise (`special_category`).
 */
export function CategoryPicker({ caseId, current, version, onDone }: { caseId: string; current: string | null; version: number; onDone: () => void }) {
  const { t, locale } = useLocale();
  const { tree, error: treeError } = useCategoryTree();
  const [choice, setChoice] = useState<CategoryChoice>(() => choiceOf(current));
  const { busy, error, setError, run } = useAction();

  useEffect(() => setChoice(choiceOf(current)), [current]);

  if (!tree) return <FormError message={treeError} />;
  const special = isSpecialChoice(tree, choice);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const path = choicePath(choice);
    if (!path) {
      setError(t('console.category.incomplete'));
      return;
    }
    if (special && !choice.accountChanged) {
      setError(t('backoffice.error.special_category'));
      return;
    }
    await run(() => consoleApi.patch(caseId, { category: path, ...(special ? { accountChanged: true } : {}), version }));
    // Read the case again either way: a `stale_version` refusal means someone changed it meanwhile.
    onDone();
  };

  return (
    <form className="console-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="category-title">{t('console.category.title')}</h3>
      <p>{current ? t('console.category.current', { category: categoryLabel(tree, current, locale) }) : t('console.category.none')}</p>
      <CategoryFields tree={tree} idPrefix="cat" value={choice} onChange={setChoice} />
      <FormError message={error} />
      <button type="submit" className="button" disabled={busy}>
        {t('console.category.save')}
      </button>
    </form>
  );
}
