import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { loadCategories } from '../cases/categories.ts';
import { configFile } from '../deps.ts';
import { checkOutcomeCategories, runCategory } from './outcome-categories.ts';

const tree = loadCategories(configFile(undefined, 'categories.json'));
const defaults = loadConfig({ CERROJO_DEV: 'true' }).backoffice.outcomeCategories;

describe('the category of each playbook outcome', () => {
  it('defaults to fraud/operation_alert/<outcome>, leaves of the shipped tree', () => {
    expect(defaults).toEqual({
      confirmed: 'fraud/operation_alert/confirmed',
      not_confirmed: 'fraud/operation_alert/not_confirmed',
      failed_security: 'fraud/operation_alert/failed_security',
      no_answer: 'fraud/operation_alert/no_answer',
      doubt: 'fraud/operation_alert/doubt',
    });
    expect(() => checkOutcomeCategories(defaults, tree)).not.toThrow();
  });

  it('stops the start on a category outside the tree or a special one, naming the key', () => {
    expect(() => checkOutcomeCategories({ ...defaults, doubt: 'fraud/operation_alert/maybe' }, tree)).toThrow(/backoffice\.outcomeCategories.*doubt: "fraud\/operation_alert\/maybe" is not a leaf/);
    expect(() => checkOutcomeCategories({ ...defaults, confirmed: 'accounts/limit_change/card_limit' }, tree)).toThrow(/confirmed: .* is a special category/);
    expect(() => loadConfig({ CERROJO_DEV: 'true', OUTCOME_CATEGORIES: '{"doubt":"Fraud"}' })).toThrow(/backoffice\.outcomeCategories\.doubt \(OUTCOME_CATEGORIES\)/);
  });

  it('closes with the agent’s choice, else the case’s own, else the outcome’s', () => {
    expect(runCategory('doubt', 'fraud/duplicate/same_situation', 'fraud/fraud_protocol/follow_up', defaults)).toBe('fraud/duplicate/same_situation');
    expect(runCategory('doubt', undefined, 'fraud/fraud_protocol/follow_up', defaults)).toBe('fraud/fraud_protocol/follow_up');
    expect(runCategory('doubt', undefined, null, defaults)).toBe('fraud/operation_alert/doubt');
  });
});
