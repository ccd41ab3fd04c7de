import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertCustomer } from '../../customers/test-fixtures.ts';
import { buildApp, type App } from '../../http/app.ts';
import { ManualClock } from '../../platform/clock.ts';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../../test/helpers/db.ts';
import { KEY_ONLY, postAlert, SOURCE, staffClient } from '../cases/test-support.ts';
import type { SlaNoticeBody, SupervisorViewBody } from './routes.ts';
import { noticeBreaches, type SupervisorTables } from './store.ts';

/**
 * Issue 15 §1 over HTTP on a database holding only this test's cases: cases put in known states
 * through the API under a manual clock, and every figure of the supervisor's view checked against
 * exactly the cases behind it; the breach notices written once; the view refused to other roles.
 */
const MIN = 60_000;
/** 09:00 in Madrid on Tuesday 10 March 2026; the day before is the 9th. */
const T0 = new Date('2026-03-10T08:00:00Z');
const SLA = {
  priorities: { high: { takeMinutes: 10, closeMinutes: 60 }, normal: { takeMinutes: 30, closeMinutes: 240 } },
  situations: { sim_swap: 'high' },
  defaultPriority: 'normal',
  warningFraction: 0.8,
};
const CATEGORY = 'fraud/operation_alert/confirmed';

describeEachDatabase('supervisor’s live view', (backend) => {
  let database: TestDatabase;
  let services: ReturnType<typeof testServices> & { clock: ManualClock };
  let app: App;
  const bank = () => ({ app, services });
  const at = (minutes: number) => services.clock.set(new Date(T0.getTime() + minutes * MIN));
  let n = 0;
  /** A new alert case of a fresh customer, opened now. */
  const alertCase = async (situation: string) => {
    const c = await insertCustomer(services.db);
    const r = await postAlert(app, { sourceAlertId: `S-${++n}`, customer: { externalId: c.external_id }, situation });
    expect(r.status).toBe(201);
    return { id: r.body.caseId as string, number: r.body.caseNumber as number };
  };

  const ids: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', string> = { A: '', B: '', C: '', D: '', E: '', F: '' };
  let view: SupervisorViewBody;

  beforeAll(async () => {
    database = await freshDatabase(backend);
    services = testServices(database, { 'backoffice.alertSources': [SOURCE, KEY_ONLY], 'backoffice.sla': SLA }, new ManualClock(new Date(T0.getTime() - 24 * 60 * MIN)));
    app = await buildApp(services, { logger: false });

    // Yesterday: F, taken by luis and closed ten minutes later.
    const luisYesterday = staffClient(bank(), 'luis');
    ids.F = (await alertCase('login_new_device')).id;
    services.clock.advance(2 * MIN);
    expect((await luisYesterday.post(`/api/cases/${ids.F}/take`)).status).toBe(200);
    services.clock.advance(10 * MIN);
    expect((await luisYesterday.post(`/api/cases/${ids.F}/close`, { closingComment: 'Confirma.', category: CATEGORY })).status).toBe(200);

    // Today, from 09:00.
    const ana = staffClient(bank(), 'ana');
    const luis = staffClient(bank(), 'luis');
    at(0);
    ids.A = (await alertCase('sim_swap')).id; // high: nobody takes it
    at(1);
    ids.B = (await alertCase('login_new_device')).id; // normal: nobody takes it
    at(2);
    ids.C = (await alertCase('login_new_device')).id;
    at(3);
    expect((await ana.post(`/api/cases/${ids.C}/take`)).status).toBe(200); // ana holds C
    at(4);
    ids.D = (await alertCase('login_new_device')).id;
    at(5);
    expect((await luis.post(`/api/cases/${ids.D}/take`)).status).toBe(200);
    at(6);
    ids.E = (await alertCase('login_new_device')).id;
    at(7);
    expect((await ana.patch(`/api/cases/${ids.E}`, { status: 'pending_customer', pendingReason: 'Espera al cliente en la oficina' })).status).toBe(200);
    at(25);
    expect((await luis.post(`/api/cases/${ids.D}/close`, { closingComment: 'Confirma.', category: CATEGORY })).status).toBe(200); // 20 min after the take
    at(26);
    const res = await staffClient(bank(), 'sergio', 'supervisor').get('/api/console/supervisor');
    expect(res.status).toBe(200);
    view = res.body as unknown as SupervisorViewBody;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const of = (...names: (keyof typeof ids)[]) => ({ count: names.length, caseIds: names.map((x) => ids[x]) });

  it('counts per queue the cases waiting, in progress and pending, and the oldest waiting with its age', () => {
    expect(view.queues).toEqual([
      {
        queue: 'contact_centre',
        waiting: of('A', 'B'),
        inProgress: of('C'),
        pendingCustomer: of('E'),
        oldestWaiting: { caseId: ids.A, number: expect.any(Number), openedAt: T0.toISOString(), ageSeconds: 26 * 60 },
      },
    ]);
  });

  it('counts per agent the cases held now and closed today, with the handling time from take to close', () => {
    expect(view.period).toEqual({ from: '2026-03-10', to: '2026-03-10', timeZone: 'Europe/Madrid' });
    expect(view.agents).toEqual([
      { agent: 'staff:ana', holding: of('C'), worked: of(), averageHandlingSeconds: null },
      { agent: 'staff:luis', holding: of(), worked: of('D'), averageHandlingSeconds: 20 * 60 },
    ]);
  });

  it('counts per priority the cases about to breach and breached, per milestone', () => {
    expect(view.sla.warningFraction).toBe(0.8);
    expect(view.sla.priorities).toEqual([
      // A: high, opened 26 minutes ago, never taken: the take (10 min) is breached, the close (60) in time.
      { priority: 'high', takeMinutes: 10, closeMinutes: 60, open: of('A'), take: { warning: of(), breached: of('A') }, close: { warning: of(), breached: of() } },
      // B waited 25 of its 30 minutes (over 80 %); C was taken; E waits on the customer (its clocks stop).
      { priority: 'normal', takeMinutes: 30, closeMinutes: 240, open: of('B', 'C', 'E'), take: { warning: of('B'), breached: of() }, close: { warning: of(), breached: of() } },
    ]);
  });

  it('describes exactly the cases the figures name, so each drill-down lists them', async () => {
    const named = new Set([...view.queues.flatMap((q) => [q.waiting, q.inProgress, q.pendingCustomer]), ...view.agents.flatMap((a) => [a.holding, a.worked]), ...view.sla.priorities.flatMap((p) => [p.open, p.take.warning, p.take.breached, p.close.warning, p.close.breached])].flatMap((f) => f.caseIds));
    expect(new Set(view.cases.map((c) => c.id))).toEqual(named);
    expect(new Set(view.cases.map((c) => c.id))).toEqual(new Set([ids.A, ids.B, ids.C, ids.D, ids.E]));
    const byId = new Map(view.cases.map((c) => [c.id, c]));
    expect(byId.get(ids.A)).toMatchObject({ status: 'new', owner: null, queue: 'contact_centre', sla: { priority: 'high', take: { state: 'breached', dueAt: new Date(T0.getTime() + 10 * MIN).toISOString() }, close: { state: 'ok' } } });
    expect(byId.get(ids.D)).toMatchObject({ status: 'closed', owner: 'staff:luis', sla: null, closedAt: new Date(T0.getTime() + 25 * MIN).toISOString() });
    expect(byId.get(ids.E)).toMatchObject({ status: 'pending_customer', sla: { take: { state: 'met' }, close: { state: 'met' } } });
    // Each case's number is the one the case API shows.
    const sergio = staffClient(bank(), 'sergio', 'supervisor');
    for (const c of view.cases) expect((await sergio.get(`/api/cases/${c.id}`)).body).toMatchObject({ case: { number: c.number, status: c.status, owner: c.owner } });
  });

  it('widens the cases worked to a chosen period', async () => {
    const res = await staffClient(bank(), 'sergio', 'supervisor').get('/api/console/supervisor?from=2026-03-09&to=2026-03-10');
    const luis = (res.body as unknown as SupervisorViewBody).agents.find((a) => a.agent === 'staff:luis');
    // F took 10 minutes yesterday, D 20 today.
    expect(luis).toEqual({ agent: 'staff:luis', holding: of(), worked: of('F', 'D'), averageHandlingSeconds: 15 * 60 });
    expect((await staffClient(bank(), 'sergio', 'supervisor').get('/api/console/supervisor?from=2026-03-11&to=2026-03-10')).body).toMatchObject({ error: 'validation', reason: 'invalid_period' });
  });

  it('refuses the view and the notices to agents, branch users and the fraud team, and asks for a session', async () => {
    for (const [id, role] of [['ana', 'agent'], ['olga', 'branch'], ['rocio', 'fraud']] as const) {
      const client = staffClient(bank(), id, role);
      expect(await client.get('/api/console/supervisor')).toMatchObject({ status: 403, body: { reason: 'role_required' } });
      expect(await client.get('/api/console/sla-notices')).toMatchObject({ status: 403, body: { reason: 'role_required' } });
    }
    expect((await app.inject({ url: '/api/console/supervisor' })).statusCode).toBe(401);
    expect((await staffClient(bank(), 'adela', 'admin').get('/api/console/supervisor')).status).toBe(200);
  });

  it('writes one notice per case and milestone breached, once, whichever round or instance sees it', async () => {
    const sv = () => services.db.withTables<SupervisorTables>();
    const notices = () => sv().selectFrom('sla_notices').select(['case_id', 'milestone', 'priority']).orderBy('noticed_at').orderBy('milestone').execute();
    const breachRows = async (id: string) => (await sv().selectFrom('case_events').select(['type', 'actor', 'data']).where('case_id', '=', id).where('type', '=', 'sla_breached').execute()).map((e) => ({ ...e, data: typeof e.data === 'string' ? JSON.parse(e.data) : e.data }));
    const sla = services.config.backoffice.sla;

    at(26);
    expect(await noticeBreaches(services.db, services, sla)).toEqual([{ caseId: ids.A, milestone: 'take', priority: 'high', dueAt: new Date(T0.getTime() + 10 * MIN) }]);
    expect(await noticeBreaches(services.db, services, sla)).toEqual([]);
    // Two rounds at once, as two instances would run them: B's take (due at 09:31) is written once.
    at(32);
    const [one, two] = await Promise.all([noticeBreaches(services.db, services, sla), noticeBreaches(services.db, services, sla)]);
    expect([...one, ...two]).toEqual([{ caseId: ids.B, milestone: 'take', priority: 'normal', dueAt: new Date(T0.getTime() + 31 * MIN) }]);
    at(61);
    await noticeBreaches(services.db, services, sla);
    expect(await noticeBreaches(services.db, services, sla)).toEqual([]);
    expect(await notices()).toEqual([
      { case_id: ids.A, milestone: 'take', priority: 'high' },
      { case_id: ids.B, milestone: 'take', priority: 'normal' },
      { case_id: ids.A, milestone: 'close', priority: 'high' },
    ]);
    expect(await breachRows(ids.A)).toEqual([
      { type: 'sla_breached', actor: 'system:sla', data: expect.objectContaining({ milestone: 'take', priority: 'high' }) },
      { type: 'sla_breached', actor: 'system:sla', data: expect.objectContaining({ milestone: 'close', priority: 'high' }) },
    ]);

    // The supervisors' inbox lists them, newest first; one reads one for all of them.
    const sergio = staffClient(bank(), 'sergio', 'supervisor');
    const listed = (await sergio.get('/api/console/sla-notices')).body.notices as SlaNoticeBody[];
    expect(listed.map((x) => [x.caseId, x.milestone, x.readAt])).toEqual([
      [ids.A, 'close', null],
      [ids.B, 'take', null],
      [ids.A, 'take', null],
    ]);
    expect(await sergio.post(`/api/console/sla-notices/${listed[2]!.id}/read`)).toMatchObject({ status: 200, body: { readBy: 'staff:sergio', readAt: new Date(T0.getTime() + 61 * MIN).toISOString() } });
    const unread = (await staffClient(bank(), 'marta', 'supervisor').get('/api/console/sla-notices?unread=true')).body.notices as SlaNoticeBody[];
    expect(unread.map((x) => x.id)).toEqual([listed[0]!.id, listed[1]!.id]);
    expect(await sergio.post('/api/console/sla-notices/not-a-notice/read')).toMatchObject({ status: 404, body: { reason: 'notice_not_found' } });
  });
});
