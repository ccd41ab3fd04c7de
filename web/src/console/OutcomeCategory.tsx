import { useEffect, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { categoryLabel, CategoryFields, choiceOf, choicePath, useCategoryTree, type CategoryChoice } from './CategoryFields.tsx';

/**
 * The category an outcome closes its cases with (seed 002: "Es de suma importancia categorizar
 * el caso"): each outcome shows its own (the case's, or `backoffice.outcomeCategories`'s), and
 * the agent may choose another for the outcome applied; special categories are not offered.
 */
export function OutcomeCategory({ onChange }: { onChange: (category: string | null) => void }) {
  const { t } = useLocale();
  const { tree } = useCategoryTree();
  const [other, setOther] = useState(false);
  const [choice, setChoice] = useState<CategoryChoice>(() => choiceOf(null));
  useEffect(() => onChange(other ? choicePath(choice) : null), [other, choice, onChange]);
  if (!tree) return null;
  return (
    <div className="console-outcome-category">
      <label className="console-check">
        <input type="checkbox" checked={other} onChange={(e) => setOther(e.target.checked)} />
        {t('console.outcome.otherCategory')}
      </label>
      {other && <CategoryFields tree={tree} idPrefix="outcome-cat" value={choice} onChange={setChoice} allowSpecial={false} />}
    </div>
  );
}

/** "Se categoriza: Fraude › Alerta de operación › …" under an outcome's button. */
export function OutcomeCategoryNote({ path, chosen }: { path: string; chosen: string | null }) {
  const { t, locale } = useLocale();
  const { tree } = useCategoryTree();
  const shown = chosen ?? path;
  return <p className="console-outcome-category__note">{t('console.outcome.category', { category: tree ? categoryLabel(tree, shown, locale) : shown })}</p>;
}
