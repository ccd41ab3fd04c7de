import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalogue.ts';
import { categoryLabel } from '../../web/src/console/CategoryPicker.tsx';
import { actorName, ageText, detailValue, queueName, waitedMinutes, waitLevel } from '../../web/src/console/format.ts';
import { CONSOLE_PAGES, pagesFor } from '../../web/src/console/nav.ts';
import { resultText } from '../../web/src/console/RunSteps.tsx';
import { SHORTCUTS } from '../../web/src/console/shortcuts.ts';
import { afterClosing, closeTab, labelTab, MAX_TABS, neighbourTab, openTab, parseTabs } from '../../web/src/console/caseTabs.ts';
import { nextCase } from '../../web/src/console/QueuePage.tsx';
import type { RunStep } from '../../web/src/console/api.ts';

/** The agent console's pure pieces (no browser needed). */
const es = (id: string, params?: Record<string, string | number>) => t(id, 'es', params);
const step = (result: Record<string, unknown>): RunStep => ({ stepNo: 1, action: 'x', label: 'x', on: 'alert', say: null, seed: '', done: true, doneAt: null, result });

describe('console logic', () => {
  it('measures the wait and colours it in three levels, said in words', () => {
    const opened = '2026-11-23T10:00:00.000Z';
    expect(waitedMinutes(opened, Date.parse('2026-11-23T10:14:59Z'))).toBe(14);
    expect(waitedMinutes(opened, Date.parse('2026-11-23T09:00:00Z'))).toBe(0);
    expect([0, 14, 15, 59, 60, 600].map(waitLevel)).toEqual(['ok', 'ok', 'warn', 'warn', 'late', 'late']);
    expect(ageText(es, 7)).toBe('7 min');
    expect(ageText(es, 125)).toBe('2 h 5 min');
    expect(ageText(es, 3 * 1440 + 4 * 60 + 9)).toBe('3 d 4 h');
  });

  it('names queues and actors as people read them', () => {
    expect(queueName(es, 'contact_centre')).toBe(es('backoffice.queue.contact_centre'));
    expect(queueName(es, 'office:0123')).toBe('Oficina 0123');
    expect(actorName('staff:ana.agente')).toBe('ana.agente');
    expect(actorName('alert-source:fraud-engine')).toBe('alert-source:fraud-engine');
    expect(actorName(null)).toBe('—');
  });

  it("says what each playbook step did, from the engine's results", () => {
    expect(resultText(es, step({ blockId: 'b', target: 'signature', origin: 'contact_centre' }))).toBe('Bloqueo establecido: BLOQUEO DE FIRMA.');
    expect(resultText(es, step({ unlinked: [{ id: 'd', name: 'SM-A546B' }] }))).toBe('Desvinculados: SM-A546B.');
    expect(resultText(es, step({ unlinked: [] }))).toBe(es('console.result.noneUnlinked'));
    expect(resultText(es, step({ mainCaseId: 'm', mainNumber: 1007 }))).toBe('Caso principal 1007 creado.');
    expect(resultText(es, step({ skipped: 'no_manager' }))).toBe(es('console.result.noManager'));
    expect(resultText(es, step({ queue: 'office:0123' }))).toBe('Asignado a Oficina 0123.');
    expect(resultText(es, step({ mentionId: 'x', targetKind: 'manager', targetId: 'W8732-01' }))).toBe('Mention enviado a Gestor W8732-01.');
  });

  it('labels a category path in the page language', () => {
    const tree = { categories: [{ id: 'a', label: { es: 'Cuentas', en: 'Accounts' }, children: [{ id: 'b', label: { es: 'Límites', en: 'Limits' }, special: true, children: [{ id: 'c', label: { es: 'Tarjeta', en: 'Card' } }] }] }] };
    expect(categoryLabel(tree, 'a/b/c', 'es')).toBe('Cuentas › Límites › Tarjeta');
    expect(categoryLabel(tree, 'a/b/c', 'en')).toBe('Accounts › Limits › Card');
  });

  it('lists the console pages by role, and documents every shortcut once', () => {
    expect(pagesFor('agent').map((p) => p.path)).toContain('/console');
    for (const role of ['agent', 'supervisor', 'branch', 'admin'] as const) expect(pagesFor(role).every((p) => !p.roles || p.roles.includes(role))).toBe(true);
    expect(new Set(CONSOLE_PAGES.map((p) => p.path)).size).toBe(CONSOLE_PAGES.length);
    expect(new Set(SHORTCUTS.map((s) => s.key)).size).toBe(SHORTCUTS.length);
    for (const s of SHORTCUTS) expect(es(s.labelId)).not.toBe('');
  });

  it('writes alert detail values as an analyst reads them', () => {
    expect(detailValue('country', 'NL', 'es')).toBe('Países Bajos (NL)');
    expect(detailValue('country', 'RO', 'en')).toBe('Romania (RO)');
    expect(detailValue('country', 'Atlantis', 'es')).toBe('Atlantis');
    expect(detailValue('deviceLinkedAt', '2026-11-23T10:00:00.000Z', 'es')).toBe('23/11/26, 11:00');
    expect(detailValue('callerPhone', '+34612345331', 'es')).toBe('612 345 331');
    expect(detailValue('rules', ['amount_over_limit', 'new_beneficiary'], 'es')).toBe('amount_over_limit, new_beneficiary');
    expect(detailValue('amountCents', 125000, 'es')).toBe('125000');
    expect(detailValue('deviceLinkedAt', null, 'es')).toBe('—');
    expect(detailValue('geo', { lat: 1 }, 'es')).toBe('{"lat":1}');
    expect(detailValue('ip', '185.220.101.7', 'es')).toBe('185.220.101.7');
  });

  it('keeps the open cases of the workspace: add once, close, the neighbour, at most eight', () => {
    const ids = (tabs: readonly { id: string }[]) => tabs.map((tb) => tb.id);
    let tabs = openTab(openTab(openTab([], 'a'), 'b'), 'a');
    expect(ids(tabs)).toEqual(['a', 'b']);
    expect(ids(openTab(tabs, ''))).toEqual(['a', 'b']);
    tabs = openTab(tabs, 'c');
    expect(afterClosing(tabs, 'b')).toBe('c');
    expect(afterClosing(tabs, 'c')).toBe('b');
    expect(afterClosing(['a'].map((id) => ({ id })), 'a')).toBeNull();
    expect(ids(closeTab(tabs, 'b'))).toEqual(['a', 'c']);
    expect([neighbourTab(tabs, 'c', 1), neighbourTab(tabs, 'a', -1), neighbourTab(tabs, null, 1), neighbourTab([], null, 1)]).toEqual(['a', 'c', 'a', null]);
    // The ninth closes the oldest, never the one being opened.
    let many: ReturnType<typeof openTab> = [];
    for (let i = 0; i <= MAX_TABS; i++) many = openTab(many, `c${i}`);
    expect(many).toHaveLength(MAX_TABS);
    expect(ids(many)[0]).toBe('c1');
    expect(ids(many).at(-1)).toBe(`c${MAX_TABS}`);
    // A tab learns its label once; an unchanged label keeps the same list.
    const labelled = labelTab(tabs, 'b', { number: 1002, name: 'Lucía' });
    expect(labelled.find((tb) => tb.id === 'b')).toEqual({ id: 'b', number: 1002, name: 'Lucía' });
    expect(labelTab(labelled, 'b', { number: 1002, name: 'Lucía' })).toBe(labelled);
    // What sessionStorage gives back is checked, never trusted.
    expect(parseTabs('not json')).toEqual([]);
    expect(parseTabs('{"id":"x"}')).toEqual([]);
    expect(parseTabs(JSON.stringify([{ id: 'x', number: 7, name: 'N', extra: 1 }, { id: '' }, { number: 3 }, null]))).toEqual([{ id: 'x', number: 7, name: 'N' }]);
  });

  it("picks the next case: the oldest new one that is not on screen, else the oldest open one", () => {
    const c = (id: string, status: string) => ({ id, status }) as Parameters<typeof nextCase>[0][number];
    const queue = [c('1', 'in_progress'), c('2', 'new'), c('3', 'new'), c('4', 'closed')];
    expect(nextCase(queue, null)?.id).toBe('2');
    expect(nextCase(queue, '2')?.id).toBe('3');
    expect(nextCase([c('1', 'in_progress'), c('2', 'new'), c('4', 'closed')], '2')?.id).toBe('1');
    expect(nextCase([c('4', 'closed')], null)).toBeUndefined();
  });

  it('documents every key of the workspace in both languages', () => {
    const keys = SHORTCUTS.map((s) => s.key);
    for (const key of ['a', 'n', 'l', 's', 'o', 'e', 'x', '[', ']']) expect(keys).toContain(key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of SHORTCUTS) for (const lang of ['es', 'en'] as const) expect(t(s.labelId, lang)).not.toBe(s.labelId);
  });
});
