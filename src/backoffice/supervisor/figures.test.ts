import { describe, expect, it } from 'vitest';
import { agentFigures, breaches, caseSla, firstTakes, milestoneCheck, priorityOf, queueFigures, slaFigures, workedCases, type OpenCase, type SlaSettings, type TimelineEntry } from './figures.ts';

const T0 = new Date('2026-03-10T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const SLA: SlaSettings = {
  priorities: { high: { takeMinutes: 10, closeMinutes: 60 }, normal: { takeMinutes: 30, closeMinutes: 240 } },
  situations: { sim_swap: 'high' },
  defaultPriority: 'normal',
  warningFraction: 0.8,
  checkIntervalSeconds: 60,
};

let n = 0;
const open = (over: Partial<OpenCase>): OpenCase => {
  n += 1;
  return { id: `c${n}`, number: 1000 + n, kind: 'alert', queue: 'contact_centre', status: 'new', owner: null, situation: 'login_new_device', openedAt: T0, firstTakenAt: null, ...over };
};

describe('SLA milestones', () => {
  it('is ok, then warning at the warning fraction, then breached at the due time; met once done', () => {
    expect(milestoneCheck(T0, 10, false, at(7.99), 0.8)).toEqual({ state: 'ok', dueAt: at(10) });
    expect(milestoneCheck(T0, 10, false, at(8), 0.8).state).toBe('warning');
    expect(milestoneCheck(T0, 10, false, at(9.99), 0.8).state).toBe('warning');
    expect(milestoneCheck(T0, 10, false, at(10), 0.8).state).toBe('breached');
    expect(milestoneCheck(T0, 10, true, at(100), 0.8).state).toBe('met');
  });

  it('takes the priority from the situation, the default for others and for main cases', () => {
    expect(priorityOf({ situation: 'sim_swap' }, SLA)).toBe('high');
    expect(priorityOf({ situation: 'other' }, SLA)).toBe('normal');
    expect(priorityOf({ situation: null }, SLA)).toBe('normal');
  });

  it('stops both clocks of a case pending the customer, and meets the take once owned', () => {
    const pending = caseSla(open({ situation: 'sim_swap', status: 'pending_customer', owner: null }), SLA, at(500));
    expect(pending).toMatchObject({ priority: 'high', take: { state: 'met' }, close: { state: 'met' } });
    const late = caseSla(open({ situation: 'sim_swap' }), SLA, at(61));
    expect(late).toMatchObject({ take: { state: 'breached', dueAt: at(10) }, close: { state: 'breached', dueAt: at(60) } });
  });

  it('counts per priority the cases about to breach and breached, and lists each breach once per milestone', () => {
    const a = open({ situation: 'sim_swap', openedAt: at(-9) }); // high, take at 90 %
    const b = open({ situation: 'sim_swap', openedAt: at(-11), owner: 'staff:ana', firstTakenAt: at(-10) }); // high, taken; close ok
    const c = open({ situation: null, kind: 'main', openedAt: at(-250), owner: 'staff:ana', firstTakenAt: at(-249) }); // normal, close breached
    const d = open({ openedAt: at(-31) }); // normal, take breached
    const figures = slaFigures([a, b, c, d], SLA, T0);
    expect(figures).toEqual([
      { priority: 'high', takeMinutes: 10, closeMinutes: 60, open: { count: 2, caseIds: [b.id, a.id] }, take: { warning: { count: 1, caseIds: [a.id] }, breached: { count: 0, caseIds: [] } }, close: { warning: { count: 0, caseIds: [] }, breached: { count: 0, caseIds: [] } } },
      { priority: 'normal', takeMinutes: 30, closeMinutes: 240, open: { count: 2, caseIds: [c.id, d.id] }, take: { warning: { count: 0, caseIds: [] }, breached: { count: 1, caseIds: [d.id] } }, close: { warning: { count: 0, caseIds: [] }, breached: { count: 1, caseIds: [c.id] } } },
    ]);
    expect(breaches([a, b, c, d], SLA, T0)).toEqual([
      { caseId: c.id, milestone: 'close', priority: 'normal', dueAt: at(-10) },
      { caseId: d.id, milestone: 'take', priority: 'normal', dueAt: at(-1) },
    ]);
  });
});

describe('queues', () => {
  it('counts waiting, in progress and pending per queue, with the oldest waiting and its age', () => {
    const w1 = open({ openedAt: at(-5) });
    const w2 = open({ openedAt: at(-20) });
    const p = open({ owner: 'staff:ana', status: 'in_progress', openedAt: at(-30) });
    const taken = open({ owner: 'staff:luis', status: 'new', openedAt: at(-1) });
    const pend = open({ queue: 'office:0123', status: 'pending_customer', owner: 'staff:ana', openedAt: at(-60) });
    expect(queueFigures([w1, w2, p, taken, pend], T0, ['contact_centre', 'office:8732'])).toEqual([
      { queue: 'contact_centre', waiting: { count: 2, caseIds: [w2.id, w1.id] }, inProgress: { count: 2, caseIds: [p.id, taken.id] }, pendingCustomer: { count: 0, caseIds: [] }, oldestWaiting: { caseId: w2.id, number: w2.number, openedAt: w2.openedAt, ageSeconds: 1200 } },
      { queue: 'office:0123', waiting: { count: 0, caseIds: [] }, inProgress: { count: 0, caseIds: [] }, pendingCustomer: { count: 1, caseIds: [pend.id] }, oldestWaiting: null },
      { queue: 'office:8732', waiting: { count: 0, caseIds: [] }, inProgress: { count: 0, caseIds: [] }, pendingCustomer: { count: 0, caseIds: [] }, oldestWaiting: null },
    ]);
  });
});

describe('agents', () => {
  const e = (caseId: string, minutes: number, actor: string, type: string, data: unknown = {}): TimelineEntry => ({ caseId, at: at(minutes), actor, type, data });

  it('times each close from the closer’s last take, counts the close in the period only, once per case', () => {
    const timeline = [
      e('x', -100, 'alert-source:fe', 'created'),
      e('x', -90, 'staff:ana', 'taken', { from: null }),
      e('x', -60, 'staff:luis', 'taken_over', { from: 'staff:ana' }),
      e('x', -40, 'staff:luis', 'closed'),
      e('y', -50, 'staff:sup', 'assigned', JSON.stringify({ owner: { from: null, to: 'staff:ana' } })),
      e('y', -20, 'staff:ana', 'closed'),
      e('y', -15, 'staff:sup', 'reopened'),
      e('y', -5, 'staff:ana', 'closed'),
      e('z', -30, 'staff:sup', 'closed'), // closed by someone who never held it
      e('old', -2000, 'staff:ana', 'taken'),
      e('old', -1990, 'staff:ana', 'closed'), // before the period
      e('w', -10, 'staff:ana', 'taken'),
      e('w', -8, 'staff:sup', 'assigned', { owner: { from: 'staff:ana', to: null } }),
      e('w', -2, 'staff:ana', 'closed'), // released before the close: no handling time
    ];
    const worked = workedCases(timeline, at(-1000), T0);
    expect(worked).toEqual([
      { caseId: 'x', agent: 'staff:luis', closedAt: at(-40), handlingSeconds: 1200 },
      { caseId: 'y', agent: 'staff:ana', closedAt: at(-5), handlingSeconds: 2700 },
      { caseId: 'z', agent: 'staff:sup', closedAt: at(-30), handlingSeconds: null },
      { caseId: 'w', agent: 'staff:ana', closedAt: at(-2), handlingSeconds: null },
    ]);
    expect(firstTakes(timeline)).toEqual(new Map([['x', at(-90)], ['y', at(-50)], ['old', at(-2000)], ['w', at(-10)]]));

    const holding = open({ owner: 'staff:ana', status: 'in_progress' });
    expect(agentFigures([holding], worked)).toEqual([
      { agent: 'staff:ana', holding: { count: 1, caseIds: [holding.id] }, worked: { count: 2, caseIds: ['y', 'w'] }, averageHandlingSeconds: 2700 },
      { agent: 'staff:luis', holding: { count: 0, caseIds: [] }, worked: { count: 1, caseIds: ['x'] }, averageHandlingSeconds: 1200 },
      { agent: 'staff:sup', holding: { count: 0, caseIds: [] }, worked: { count: 1, caseIds: ['z'] }, averageHandlingSeconds: null },
    ]);
  });
});
