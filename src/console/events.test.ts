import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Staff } from '../backoffice/access.ts';
import { consoleEvents, sseMessage, StreamCursor, type TimelineRow } from './events.ts';

const agent: Staff = { id: 'ana', role: 'agent', officeCode: null };
const branch: Staff = { id: 'olga', role: 'branch', officeCode: '0123' };
const admin: Staff = { id: 'adela', role: 'admin', officeCode: null };
const row = (id: number, over: Partial<TimelineRow> = {}): TimelineRow => ({ id: String(id), caseId: `c${id}`, type: 'created', data: {}, number: id, queue: 'contact_centre', owner: null, ...over });
const mention = (id: number, targetKind: 'office' | 'manager', targetId: string) => row(id, { type: 'mention', data: { mentionId: `m${id}`, targetKind, targetId, text: 'hola' } });
const officeOf = (manager: string) => (manager === 'G0123-01' ? '0123' : undefined);

describe('console events', () => {
  it('tells each role of the cases it may see', () => {
    const rows = [row(1), row(2, { queue: 'office:0123' }), row(3, { queue: 'office:8683', owner: 'staff:ana' })];
    expect(consoleEvents(agent, rows, officeOf).map((e) => e.id)).toEqual(['1', '3']);
    expect(consoleEvents(branch, rows, officeOf).map((e) => e.id)).toEqual(['2']);
    expect(consoleEvents(admin, rows, officeOf).map((e) => e.id)).toEqual(['1', '2', '3']);
    expect(consoleEvents(agent, [row(7, { type: 'status_changed' })], officeOf)).toEqual([{ id: '7', event: 'case', data: { caseId: 'c7', number: 7, queue: 'contact_centre', type: 'status_changed' } }]);
  });

  it('tells an office of its mentions and of its managers’, and no one else', () => {
    const rows = [mention(1, 'office', '0123'), mention(2, 'manager', 'G0123-01'), mention(3, 'office', '8683')];
    expect(consoleEvents(branch, rows, officeOf).filter((e) => e.event === 'mention').map((e) => e.data)).toEqual([
      { mentionId: 'm1', caseId: 'c1', targetKind: 'office', targetId: '0123' },
      { mentionId: 'm2', caseId: 'c2', targetKind: 'manager', targetId: 'G0123-01' },
    ]);
    expect(consoleEvents(agent, rows, officeOf).filter((e) => e.event === 'mention')).toEqual([]);
    // The agent still hears that its queue's case changed.
    expect(consoleEvents(agent, rows, officeOf).map((e) => e.event)).toEqual(['case', 'case', 'case']);
  });

  it('tells supervisors and admins of an SLA breach, and agents only of their case changing', () => {
    const supervisor: Staff = { id: 'sergio', role: 'supervisor', officeCode: null };
    const breach = row(9, { type: 'sla_breached', data: JSON.stringify({ noticeId: 'n9', milestone: 'take', priority: 'high' }) });
    const sla = { id: '9', event: 'sla', data: { noticeId: 'n9', caseId: 'c9', number: 9, milestone: 'take', priority: 'high' } };
    expect(consoleEvents(supervisor, [breach], officeOf)).toEqual([sla, { id: '9', event: 'case', data: { caseId: 'c9', number: 9, queue: 'contact_centre', type: 'sla_breached' } }]);
    expect(consoleEvents(admin, [breach], officeOf).map((e) => e.event)).toEqual(['sla', 'case']);
    expect(consoleEvents(agent, [breach], officeOf).map((e) => e.event)).toEqual(['case']);
    expect(consoleEvents(branch, [breach], officeOf)).toEqual([]);
  });

  it('writes the wire format with the timeline id', () => {
    expect(sseMessage({ id: '42', event: 'case', data: { caseId: 'c', number: 1, queue: 'q', type: 'created' } })).toBe('id: 42\nevent: case\ndata: {"caseId":"c","number":1,"queue":"q","type":"created"}\n\n');
  });

  it('sends every id exactly once, whatever order the ids commit in', () => {
    // Ids 1..n commit in any order; each poll sees those committed so far (above the cursor's floor).
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }).chain((n) => fc.tuple(fc.shuffledSubarray([...Array(n).keys()].map((i) => i + 1), { minLength: n, maxLength: n }), fc.integer({ min: 1, max: 5 }))), ([order, perPoll]) => {
        const cursor = new StreamCursor(0n, 100n);
        const committed: number[] = [];
        const sent: string[] = [];
        for (let i = 0; i < order.length; i += perPoll) {
          committed.push(...order.slice(i, i + perPoll));
          const visible = committed.filter((id) => BigInt(id) > cursor.after).sort((a, b) => a - b).map((id) => ({ id: String(id) }));
          sent.push(...cursor.take(visible).map((r) => r.id));
        }
        expect([...sent].sort((a, b) => Number(a) - Number(b))).toEqual(order.map(String).sort((a, b) => Number(a) - Number(b)));
      }),
    );
  });

  it('resumes after the id it starts from', () => {
    const cursor = new StreamCursor(10n);
    expect(cursor.take([{ id: '11' }, { id: '12' }]).map((r) => r.id)).toEqual(['11', '12']);
    expect(cursor.take([{ id: '11' }, { id: '12' }, { id: '13' }]).map((r) => r.id)).toEqual(['13']);
    expect(cursor.after).toBe(10n);
  });
});
