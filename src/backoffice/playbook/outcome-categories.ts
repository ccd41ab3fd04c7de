import { ConfigError } from '../../config/config.ts';
import { checkCategory, type CategoryTree } from '../cases/categories.ts';
import { OUTCOMES, type Outcome } from '../schema.ts';

/**
 * The category each playbook outcome closes its cases with (seed 002: "Es de suma importancia
 * categorizar el caso … para poder bonificar al empleado según el actual Plan de Calidad y para el
 * análisis posterior de volúmenes"): `backoffice.outcomeCategories`, by default
 * `fraud/operation_alert/<outcome>` of the shipped tree. The agent may choose another, in the
 * outcome request or by categorising the case before.
 */
export type OutcomeCategories = Readonly<Record<Outcome, string>>;

/** Checks the configured categories against the tree at start: each a leaf, none special. */
export function checkOutcomeCategories(categories: OutcomeCategories, tree: CategoryTree): void {
  for (const outcome of OUTCOMES) {
    const path = categories[outcome];
    const check = checkCategory(tree, path, false);
    if (!check.ok) {
      const why = check.reason === 'special_category' ? 'is a special category, kept for real changes of the account or its holders' : 'is not a leaf of the category tree';
      throw new ConfigError('backoffice.outcomeCategories', `${outcome}: "${path}" ${why}`);
    }
  }
}

/** The category a run closes with: the one the agent asked, else the case's own, else the outcome's. */
export function runCategory(outcome: Outcome, asked: string | undefined, caseCategory: string | null, categories: OutcomeCategories): string {
  return asked ?? caseCategory ?? categories[outcome];
}
