import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCategory, isSpecial, loadCategories } from './categories.ts';
import { configFile } from '../deps.ts';

const shipped = () => loadCategories(configFile(undefined, 'categories.json'));
const dir = mkdtempSync(join(tmpdir(), 'cerrojo-categories-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};
const label = { es: 'x', en: 'x' };

describe('category tree', () => {
  it('ships three levels with the special level-2 categories of seed 002 (limits and holders)', () => {
    const tree = shipped();
    for (const l1 of tree.categories) for (const l2 of l1.children) expect(l2.children.length).toBeGreaterThan(0);
    const special = tree.categories.flatMap((l1) => l1.children.filter((l2) => l2.special).map((l2) => `${l1.id}/${l2.id}`));
    expect(special).toEqual(['accounts/limit_change', 'accounts/holder_change']);
  });

  it('accepts a leaf; a special one only when the account or its holders really change', () => {
    const tree = shipped();
    expect(checkCategory(tree, 'fraud/operation_alert/no_answer', false)).toEqual({ ok: true, special: false });
    expect(checkCategory(tree, 'accounts/limit_change/card_limit', false)).toEqual({ ok: false, reason: 'special_category' });
    expect(checkCategory(tree, 'accounts/limit_change/card_limit', true)).toEqual({ ok: true, special: true });
    // Duplicates and requests for information are not special, whatever the flag says.
    expect(checkCategory(tree, 'accounts/information/request_status', true)).toEqual({ ok: true, special: false });
    for (const bad of ['', 'fraud', 'fraud/operation_alert', 'fraud/operation_alert/', 'fraud/nope/confirmed', 'x/y/z', 'fraud/operation_alert/confirmed/more']) {
      expect(checkCategory(tree, bad, true), bad).toEqual({ ok: false, reason: 'unknown_category' });
    }
    expect(isSpecial(tree, 'accounts/holder_change/add_holder')).toBe(true);
  });

  it('refuses a file that is not a three-level tree, flags special off level 2, or repeats a sibling id', () => {
    const leaf = { id: 'c', label };
    expect(() => loadCategories(file('two.json', { categories: [{ id: 'a', label, children: [{ id: 'b', label, children: [] }] }] }))).toThrow(/categoriesFile/);
    expect(() => loadCategories(file('deep.json', { categories: [{ id: 'a', label, children: [{ id: 'b', label, children: [{ ...leaf, children: [leaf] }] }] }] }))).toThrow(/categoriesFile/);
    expect(() => loadCategories(file('l1.json', { categories: [{ id: 'a', label, special: true, children: [{ id: 'b', label, children: [leaf] }] }] }))).toThrow(/categoriesFile/);
    expect(() => loadCategories(file('l3.json', { categories: [{ id: 'a', label, children: [{ id: 'b', label, children: [{ ...leaf, special: true }] }] }] }))).toThrow(/categoriesFile/);
    expect(() => loadCategories(file('dup.json', { categories: [{ id: 'a', label, children: [{ id: 'b', label, children: [leaf, leaf] }] }] }))).toThrow(/a\/b\/c appears twice/);
    expect(() => loadCategories(file('nolabel.json', { categories: [{ id: 'a', label: { es: 'x' }, children: [{ id: 'b', label, children: [leaf] }] }] }))).toThrow(/categoriesFile/);
    expect(() => loadCategories(join(dir, 'missing.json'))).toThrow(/categoriesFile/);
    const ok = loadCategories(file('ok.json', { categories: [{ id: 'a', label, children: [{ id: 'b', label, special: true, children: [leaf] }] }] }));
    expect(checkCategory(ok, 'a/b/c', false)).toEqual({ ok: false, reason: 'special_category' });
  });
});
