import { useEffect, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { consoleApi, type Categories } from './api.ts';
import { errorText } from './errors.ts';

type Label = { es: string; en: string };

/** A category being chosen: its three levels, and whether the account or its holders really change. */
export interface CategoryChoice {
  l1: string;
  l2: string;
  l3: string;
  accountChanged: boolean;
}

/** The choice a stored path (`level1/level2/level3`) stands for; empty for none. */
export function choiceOf(path: string | null): CategoryChoice {
  const [l1 = '', l2 = '', l3 = ''] = (path ?? '').split('/');
  return { l1, l2, l3, accountChanged: false };
}

/** The path of a complete choice, else null. */
export const choicePath = (c: CategoryChoice): string | null => (c.l1 && c.l2 && c.l3 ? `${c.l1}/${c.l2}/${c.l3}` : null);

/** Whether the choice sits under a special level-2 category ("Tipología 2"). */
export function isSpecialChoice(tree: Categories, c: CategoryChoice): boolean {
  return tree.categories.find((n) => n.id === c.l1)?.children.find((n) => n.id === c.l2)?.special === true;
}

/** The category of a case as "level 1 › level 2 › level 3" in the page's language. */
export function categoryLabel(tree: Categories, path: string, locale: 'es' | 'en'): string {
  const [a, b, c] = path.split('/');
  const l1 = tree.categories.find((n) => n.id === a);
  const l2 = l1?.children.find((n) => n.id === b);
  const l3 = l2?.children.find((n) => n.id === c);
  return [l1, l2, l3].map((n) => (n ? (n.label as Label)[locale] : '?')).join(' › ');
}

/** The tree is the server's configuration, read at its start: one request serves every picker of the page. */
let asked: Promise<Categories> | null = null;
function categories(): Promise<Categories> {
  asked ??= consoleApi.categories().catch((err: unknown) => {
    asked = null;
    throw err;
  });
  return asked;
}

/** The back office's category tree (`GET /api/categories`), or why it could not be read. */
export function useCategoryTree(): { tree: Categories | null; error: string | null } {
  const { t } = useLocale();
  const [tree, setTree] = useState<Categories | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    categories().then(
      (loaded) => live && setTree(loaded),
      (err: unknown) => live && setError(errorText(t, err)),
    );
    return () => {
      live = false;
    };
  }, [t]);
  return { tree, error };
}

interface FieldsProps {
  tree: Categories;
  /** Prefix of the fields' ids (`<prefix>-1`, `-2`, `-3`): several pickers may share a page. */
  idPrefix: string;
  value: CategoryChoice;
  onChange: (next: CategoryChoice) => void;
  /** Offer the special level-2 categories (with the rule and its confirmation); the playbook's outcomes do not. */
  allowSpecial?: boolean;
}

/**
 * The three selects of a category (Tipología 1, 2, 3). Seed 002: "La Tipología 2 queda reservada
 * para uso en categorizaciones especiales": under a special level-2 category the rule is shown and
 * the agent confirms the account or its holders really change.
 */
export function CategoryFields({ tree, idPrefix, value, onChange, allowSpecial = true }: FieldsProps) {
  const { t, locale } = useLocale();
  const n1 = tree.categories.find((n) => n.id === value.l1);
  const n2 = n1?.children.find((n) => n.id === value.l2);
  const label = (n: { label: unknown }) => (n.label as Label)[locale];
  const choose = (text: string) => <option value="">{text}</option>;
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-1`}>{t('console.category.level1')}</label>
        <select id={`${idPrefix}-1`} value={value.l1} onChange={(e) => onChange({ l1: e.target.value, l2: '', l3: '', accountChanged: false })}>
          {choose(t('console.contact.choose'))}
          {tree.categories.map((n) => (
            <option key={n.id} value={n.id}>
              {label(n)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-2`}>{t('console.category.level2')}</label>
        <select id={`${idPrefix}-2`} value={value.l2} disabled={!n1} onChange={(e) => onChange({ ...value, l2: e.target.value, l3: '', accountChanged: false })}>
          {choose(t('console.contact.choose'))}
          {n1?.children
            .filter((n) => allowSpecial || !n.special)
            .map((n) => (
              <option key={n.id} value={n.id}>
                {label(n)}
                {n.special ? ` (${t('console.category.special')})` : ''}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-3`}>{t('console.category.level3')}</label>
        <select id={`${idPrefix}-3`} value={value.l3} disabled={!n2} onChange={(e) => onChange({ ...value, l3: e.target.value })}>
          {choose(t('console.contact.choose'))}
          {n2?.children.map((n) => (
            <option key={n.id} value={n.id}>
              {label(n)}
            </option>
          ))}
        </select>
      </div>
      {n2?.special === true && (
        <div className="notice notice--info">
          <p>{t('console.category.specialRule')}</p>
          <label className="console-check">
            <input type="checkbox" checked={value.accountChanged} onChange={(e) => onChange({ ...value, accountChanged: e.target.checked })} />
            {t('console.category.accountChanged')}
          </label>
        </div>
      )}
    </>
  );
}
