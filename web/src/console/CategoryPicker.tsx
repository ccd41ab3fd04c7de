import { useEffect, useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { consoleApi, type Categories } from './api.ts';
import { FormError } from '../banking/Field.tsx';
import { useAction } from './useAction.ts';

type Label = { es: string; en: string };

/** The category of a case as "level 1 › level 2 › level 3" in the page's language. */
export function categoryLabel(tree: Categories, path: string, locale: 'es' | 'en'): string {
  const [a, b, c] = path.split('/');
  const l1 = tree.categories.find((n) => n.id === a);
  const l2 = l1?.children.find((n) => n.id === b);
  const l3 = l2?.children.find((n) => n.id === c);
  return [l1, l2, l3].map((n) => (n ? (n.label as Label)[locale] : '?')).join(' › ');
}

/**
 * The three-level category picker. Seed 002: "La Tipología 2 queda reservada para uso en
 * categorizaciones especiales": a special level-2 category needs the agent to say the account or
 * its holders really change, and the server refuses it otherwise (`special_category`).
 */
export function CategoryPicker({ caseId, current, version, onDone }: { caseId: string; current: string | null; version: number; onDone: () => void }) {
  const { t, locale } = useLocale();
  const [tree, setTree] = useState<Categories | null>(null);
  const [l1, setL1] = useState('');
  const [l2, setL2] = useState('');
  const [l3, setL3] = useState('');
  const [changed, setChanged] = useState(false);
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    void run(async () => setTree(await consoleApi.categories()));
  }, [run]);
  useEffect(() => {
    const [a = '', b = '', c = ''] = (current ?? '').split('/');
    setL1(a);
    setL2(b);
    setL3(c);
  }, [current]);

  if (!tree) return <FormError message={error} />;
  const n1 = tree.categories.find((n) => n.id === l1);
  const n2 = n1?.children.find((n) => n.id === l2);
  const special = n2?.special === true;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!l1 || !l2 || !l3) {
      setError(t('console.category.incomplete'));
      return;
    }
    if (special && !changed) {
      setError(t('backoffice.error.special_category'));
      return;
    }
    await run(() => consoleApi.patch(caseId, { category: `${l1}/${l2}/${l3}`, ...(special ? { accountChanged: true } : {}), version }));
    // Read the case again either way: a `stale_version` refusal means someone changed it meanwhile.
    onDone();
  };
  const label = (n: { label: unknown }) => (n.label as Label)[locale];

  return (
    <form className="console-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="category-title">{t('console.category.title')}</h3>
      <p>{current ? t('console.category.current', { category: categoryLabel(tree, current, locale) }) : t('console.category.none')}</p>
      <div className="field">
        <label htmlFor="cat-1">{t('console.category.level1')}</label>
        <select id="cat-1" value={l1} onChange={(e) => (setL1(e.target.value), setL2(''), setL3(''), setChanged(false))}>
          <option value="">{t('console.contact.choose')}</option>
          {tree.categories.map((n) => (
            <option key={n.id} value={n.id}>
              {label(n)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="cat-2">{t('console.category.level2')}</label>
        <select id="cat-2" value={l2} disabled={!n1} onChange={(e) => (setL2(e.target.value), setL3(''), setChanged(false))}>
          <option value="">{t('console.contact.choose')}</option>
          {n1?.children.map((n) => (
            <option key={n.id} value={n.id}>
              {label(n)}
              {n.special ? ` (${t('console.category.special')})` : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="cat-3">{t('console.category.level3')}</label>
        <select id="cat-3" value={l3} disabled={!n2} onChange={(e) => setL3(e.target.value)}>
          <option value="">{t('console.contact.choose')}</option>
          {n2?.children.map((n) => (
            <option key={n.id} value={n.id}>
              {label(n)}
            </option>
          ))}
        </select>
      </div>
      {special && (
        <div className="notice notice--info">
          <p>{t('console.category.specialRule')}</p>
          <label className="console-check">
            <input type="checkbox" checked={changed} onChange={(e) => setChanged(e.target.checked)} />
            {t('console.category.accountChanged')}
          </label>
        </div>
      )}
      <FormError message={error} />
      <button type="submit" className="button" disabled={busy}>
        {t('console.category.save')}
      </button>
    </form>
  );
}
