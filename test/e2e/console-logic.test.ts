import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalogue.ts';
import { categoryLabel } from '../../web/src/console/CategoryPicker.tsx';
import { actorName, ageText, detailValue, queueName, waitedMinutes, waitLevel } from '../../web/src/console/format.ts';
import { CONSOLE_PAGES, pagesFor } from '../../web/src/console/nav.ts';
import { resultText } from '../../web/src/console/RunSteps.tsx';
import { SHORTCUTS } from '../../web/src/console/shortcuts.ts';
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
});
