import { Type, type Static } from 'typebox';
import { ConfigError } from '../../config/config.ts';
import { readConfigJson } from '../config-json.ts';
import type { BackofficeReason } from '../errors.ts';

/**
 * The three-level category tree of cases (`config/categories.json`, or `backoffice.categoriesFile`).
 * A case's category is the path `level1/level2/level3` down to a leaf. Seed 002: "La Tipología 2
 * queda reservada para uso en categorizaciones especiales" — a level-2 node may be marked
 * `special`, and a special category is allowed only when the request says the account or its
 * holders really change ("Solo usaremos esta categorización específica cuando realmente haya que
 * gestionar la modificación en la cuenta o titulares"); for those, the owner closes the case.
 */
const Id = Type.String({ pattern: '^[a-z0-9_]{1,40}$' });
const Label = Type.Object({ es: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) }, { additionalProperties: false });
const Leaf = Type.Object({ id: Id, label: Label }, { additionalProperties: false });
const Level2 = Type.Object({ id: Id, label: Label, special: Type.Optional(Type.Boolean()), children: Type.Array(Leaf, { minItems: 1 }) }, { additionalProperties: false });
const Level1 = Type.Object({ id: Id, label: Label, children: Type.Array(Level2, { minItems: 1 }) }, { additionalProperties: false });
export const CategoryFile = Type.Object({ $comment: Type.Optional(Type.String()), categories: Type.Array(Level1, { minItems: 1 }) }, { additionalProperties: false });

export type CategoryTree = Static<typeof CategoryFile>;

/** Reads and checks the tree; a bad file stops the start with its path and the first problem. */
export function loadCategories(file: string): CategoryTree {
  const tree = readConfigJson(file, CategoryFile, 'backoffice.categoriesFile');
  const duplicate = firstDuplicate(tree);
  if (duplicate) throw new ConfigError('backoffice.categoriesFile', `${file}: the id ${duplicate} appears twice under one parent`);
  return tree;
}

function firstDuplicate(tree: CategoryTree): string | undefined {
  const check = (nodes: readonly { id: string }[], prefix: string): string | undefined => {
    const seen = new Set<string>();
    for (const n of nodes) {
      if (seen.has(n.id)) return prefix + n.id;
      seen.add(n.id);
    }
    return undefined;
  };
  return check(tree.categories, '') ?? tree.categories.map((l1) => check(l1.children, `${l1.id}/`) ?? l1.children.map((l2) => check(l2.children, `${l1.id}/${l2.id}/`)).find(Boolean)).find(Boolean);
}

export type CategoryCheck = { ok: true; special: boolean } | { ok: false; reason: Extract<BackofficeReason, 'unknown_category' | 'special_category'> };

/** Whether `path` names a leaf of the tree, and whether it may be used given `accountChanged`. */
export function checkCategory(tree: CategoryTree, path: string, accountChanged: boolean): CategoryCheck {
  const special = isSpecial(tree, path);
  if (special === undefined) return { ok: false, reason: 'unknown_category' };
  if (special && !accountChanged) return { ok: false, reason: 'special_category' };
  return { ok: true, special };
}

/** Whether the leaf at `path` sits under a special level-2 category; undefined when there is no such leaf. */
export function isSpecial(tree: CategoryTree, path: string): boolean | undefined {
  const [a, b, c, ...rest] = path.split('/');
  if (rest.length > 0) return undefined;
  const l2 = tree.categories.find((n) => n.id === a)?.children.find((n) => n.id === b);
  return l2?.children.some((n) => n.id === c) ? l2.special === true : undefined;
}
