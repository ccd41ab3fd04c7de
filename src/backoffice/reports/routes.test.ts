import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertCustomer } from '../../customers/test-fixtures.ts';
import { buildApp, type App } from '../../http/app.ts';
import type { CallOutcome } from '../../ivr/flow-types.ts';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../../test/helpers/db.ts';
import { staffHeaders } from '../../../test/helpers/staff.ts';
import type { StaffRole } from '../access.ts';
import type { BackofficeTables, CaseKind, Outcome } from '../schema.ts';

/**
 * The reports over HTTP on seeded rows: cases and IVR calls inserted straight into their tables
 * around the days 28–30 March 2026 (Europe/Madrid), the 29th being the spring DST change.
 */
describeEachDatabase('reports API', (backend) => {
  let database: TestDatabase;
  let app: App;
  let services: ReturnType<typeof testServices>;
  let customerId: string;

  interface SeedCase {
    kind?: CaseKind;
    outcome?: Outcome | null;
    owner?: string | null;
    category?: string | null;
    opened: string;
    closed?: string | null;
  }
  const insertCase = async (c: SeedCase) => {
    const closed = c.closed ?? null;
    await database.db
      .withTables<BackofficeTables>()
      .insertInto('cases')
      .values({
        id: randomUUID(), kind: c.kind ?? 'alert', customer_id: customerId, situation: 'login', operation_id: null,
        status: closed ? 'closed' : 'in_progress', pending_reason: null, queue: 'contact_centre', owner: c.owner ?? null,
        category: c.category ?? null, main_case_id: null, outcome: c.outcome ?? null, closing_comment: closed ? 'done' : null,
        opened_at: c.opened, updated_at: closed ?? c.opened, closed_at: closed,
      })
      .execute();
  };
  const insertCall = async (outcome: CallOutcome | null, started: string, ended: string | null) => {
    await database.db
      .insertInto('ivr_calls')
      .values({
        call_sid: `CA${randomUUID().replace(/-/g, '')}`, line: 'unlock', from_number: '+34600123331', to_number: '+34950183313', locale: 'es',
        definition: 'unlock-line', definition_version: '1.0.0', state: '{}', branch: null, outcome,
        started_at: started, updated_at: ended ?? started, ended_at: ended, duration_seconds: ended ? 60 : null,
      })
      .execute();
  };

  beforeAll(async () => {
    database = await freshDatabase(backend);
    services = testServices(database);
    app = await buildApp(services, { logger: false });
    customerId = (await insertCustomer(database.db)).id;
    const category = 'fraude/operaciones/transferencia';
    // In the period 2026-03-28..2026-03-30:
    await insertCase({ outcome: 'confirmed', owner: 'staff:ana', category, opened: '2026-03-27T23:00:00Z', closed: '2026-03-27T23:10:00Z' }); // 28th 00:00 CET, 600 s
    await insertCase({ outcome: 'not_confirmed', owner: 'staff:ana', category, opened: '2026-03-28T10:00:00Z', closed: '2026-03-28T10:30:00Z' }); // 1800 s
    await insertCase({ outcome: 'failed_security', owner: 'staff:bea', opened: '2026-03-29T22:30:00Z', closed: '2026-03-30T00:30:00Z' }); // 30th 00:30 CEST, 7200 s
    await insertCase({ kind: 'main', owner: 'staff:bea', opened: '2026-03-29T23:00:00Z' });
    await insertCase({ opened: '2026-03-30T21:59:00Z' }); // 30th 23:59 CEST, unassigned
    await insertCase({ outcome: 'confirmed', owner: 'staff:ana', opened: '2026-03-30T20:00:00Z', closed: '2026-04-01T10:00:00Z' }); // closed after the period
    // Outside it: 27th 23:59:59 CET and 31st 00:00 CEST.
    await insertCase({ outcome: 'doubt', owner: 'staff:ana', opened: '2026-03-27T22:59:59Z', closed: '2026-03-28T08:00:00Z' });
    await insertCase({ outcome: 'doubt', owner: 'staff:ana', opened: '2026-03-30T22:00:00Z' });

    await insertCall('resolved', '2026-03-28T09:00:00Z', '2026-03-28T09:03:00Z');
    await insertCall('referred', '2026-03-28T11:00:00Z', '2026-03-28T11:02:00Z');
    await insertCall('transferred', '2026-03-29T09:00:00Z', '2026-03-29T09:04:00Z');
    await insertCall('abandoned', '2026-03-29T22:30:00Z', '2026-03-29T22:31:00Z'); // 30th local
    await insertCall('goodbye', '2026-03-30T08:00:00Z', '2026-03-30T08:01:00Z');
    await insertCall(null, '2026-03-30T12:00:00Z', null); // still on the line
    await insertCall('transferred', '2026-03-31T09:00:00Z', '2026-03-31T09:05:00Z'); // outside
    services.clock.set(new Date('2026-03-30T12:00:00Z'));
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  /** A staff member of `role`, signed in for real (test/helpers/staff.ts). */
  const as = (role: StaffRole, office?: string) => staffHeaders(app, services, `sup.${role}`, role, office);
  const get = async (url: string, headers: Record<string, string> | Promise<Record<string, string>> = as('supervisor')) => app.inject({ method: 'GET', url, headers: await headers });
  const PERIOD = 'from=2026-03-28&to=2026-03-30';

  it('is for supervisors and admins only', async () => {
    expect((await get(`/api/reports/cases?${PERIOD}`, {})).statusCode).toBe(401);
    for (const headers of [as('agent'), as('branch', '0123')]) {
      for (const path of ['cases', 'ivr']) {
        const res = await get(`/api/reports/${path}?${PERIOD}&format=csv`, headers);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ error: 'forbidden', reason: 'role_required', message: 'Los informes son solo para supervisores y administradores.' });
      }
    }
    expect((await get(`/api/reports/cases?${PERIOD}`, as('admin'))).statusCode).toBe(200);
  });

  it('counts the cases opened in the period by kind, outcome, category, agent and local day, with the handling time', async () => {
    const res = await get(`/api/reports/cases?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const report = res.json();
    expect(report.period).toEqual({ from: '2026-03-28', to: '2026-03-30', timeZone: 'Europe/Madrid' });
    expect(report.total).toEqual({ key: null, cases: 6, closed: 3, averageHandlingSeconds: 3200 });
    expect(report.byKind).toEqual([
      { key: 'alert', cases: 5, closed: 3, averageHandlingSeconds: 3200 },
      { key: 'main', cases: 1, closed: 0, averageHandlingSeconds: null },
    ]);
    expect(report.byOutcome).toEqual([
      { key: 'confirmed', cases: 2, closed: 1, averageHandlingSeconds: 600 },
      { key: 'not_confirmed', cases: 1, closed: 1, averageHandlingSeconds: 1800 },
      { key: 'failed_security', cases: 1, closed: 1, averageHandlingSeconds: 7200 },
      { key: 'no_answer', cases: 0, closed: 0, averageHandlingSeconds: null },
      { key: 'doubt', cases: 0, closed: 0, averageHandlingSeconds: null },
      // Alert cases only: the main case is not an alert worked again.
      { key: null, cases: 1, closed: 0, averageHandlingSeconds: null },
    ]);
    expect(report.byCategory).toEqual([
      { key: 'fraude/operaciones/transferencia', cases: 2, closed: 2, averageHandlingSeconds: 1200 },
      { key: null, cases: 4, closed: 1, averageHandlingSeconds: 7200 },
    ]);
    expect(report.byOwner).toEqual([
      { key: 'staff:ana', cases: 3, closed: 2, averageHandlingSeconds: 1200 },
      { key: 'staff:bea', cases: 2, closed: 1, averageHandlingSeconds: 7200 },
      { key: null, cases: 1, closed: 0, averageHandlingSeconds: null },
    ]);
    // By the day in Madrid: the case opened at 22:30 UTC on the 29th belongs to the 30th.
    expect(report.byDay).toEqual([
      { key: '2026-03-28', cases: 2, closed: 2, averageHandlingSeconds: 1200 },
      { key: '2026-03-29', cases: 0, closed: 0, averageHandlingSeconds: null },
      { key: '2026-03-30', cases: 4, closed: 1, averageHandlingSeconds: 7200 },
    ]);
  });

  it('measures IVR containment as the finished calls that ended without a transfer', async () => {
    const report = (await get(`/api/reports/ivr?${PERIOD}`)).json();
    expect(report.total).toEqual({ day: null, finishedCalls: 5, contained: 4, transferred: 1, containmentRate: 0.8 });
    expect(report.unfinishedCalls).toBe(1);
    expect(report.byOutcome).toEqual([
      { outcome: 'resolved', calls: 1 },
      { outcome: 'referred', calls: 1 },
      { outcome: 'goodbye', calls: 1 },
      { outcome: 'transferred', calls: 1 },
      { outcome: 'abandoned', calls: 1 },
    ]);
    expect(report.byDay).toEqual([
      { day: '2026-03-28', finishedCalls: 2, contained: 2, transferred: 0, containmentRate: 1 },
      { day: '2026-03-29', finishedCalls: 1, contained: 0, transferred: 1, containmentRate: 0 },
      { day: '2026-03-30', finishedCalls: 2, contained: 2, transferred: 0, containmentRate: 1 },
    ]);
    const empty = (await get('/api/reports/ivr?from=2025-01-01&to=2025-01-01')).json();
    expect(empty.total).toEqual({ day: null, finishedCalls: 0, contained: 0, transferred: 0, containmentRate: null });
  });

  it('exports CSV that a CSV reader reads back, quoting what needs it and defusing formulas', async () => {
    await insertCase({ owner: '=HYPERLINK("x")', category: 'robo, "phishing"\nsms', opened: '2026-03-29T12:00:00Z' });
    const res = await get(`/api/reports/cases?${PERIOD}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="cases-2026-03-28-2026-03-30.csv"');
    expect(res.body).toContain('"robo, ""phishing""\nsms"');
    const rows: string[][] = parse(res.body);
    expect(rows[0]).toEqual(['dimension', 'key', 'cases', 'closed', 'average_handling_seconds']);
    expect(rows[1]).toEqual(['total', '', '7', '3', '3200']);
    expect(rows).toContainEqual(['category', 'robo, "phishing"\nsms', '1', '0', '']);
    expect(rows).toContainEqual(['owner', '\'=HYPERLINK("x")', '1', '0', '']);
    expect(rows).toContainEqual(['day', '2026-03-29', '1', '0', '']);
    expect(rows.every((r) => r.length === 5)).toBe(true);

    const ivr = await get(`/api/reports/ivr?${PERIOD}&format=csv`);
    expect(ivr.headers['content-disposition']).toBe('attachment; filename="ivr-2026-03-28-2026-03-30.csv"');
    const ivrRows: string[][] = parse(ivr.body);
    expect(ivrRows.slice(0, 2)).toEqual([
      ['dimension', 'key', 'finished_calls', 'contained', 'transferred', 'containment_rate'],
      ['total', '', '5', '4', '1', '0.8'],
    ]);
    expect(ivrRows).toContainEqual(['outcome', 'transferred', '1', '0', '1', '']);
    expect(ivrRows).toContainEqual(['day', '2026-03-29', '1', '0', '1', '0']);
  });

  it('defaults to the last 30 days up to today in Madrid, and refuses a bad period with 400', async () => {
    const report = (await get('/api/reports/cases')).json();
    expect(report.period).toEqual({ from: '2026-03-01', to: '2026-03-30', timeZone: 'Europe/Madrid' });
    expect(report.byDay).toHaveLength(30);
    for (const query of ['from=2026-03-31&to=2026-03-30', 'from=2026-02-30', 'to=30/03/2026', 'from=2025-01-01&to=2026-03-30', 'format=xml']) {
      const res = await get(`/api/reports/cases?${query}`);
      expect(res.statusCode, query).toBe(400);
    }
    const bad = (await get('/api/reports/ivr?from=2026-03-31&to=2026-03-30&lang=en')).json();
    expect(bad).toMatchObject({ error: 'validation', reason: 'invalid_period', detail: 'from must not be after to' });
    expect(bad.message).toMatch(/^The period is not valid/);
  });

  it('documents both routes under the backoffice tag', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.paths['/api/reports/cases'].get.tags).toEqual(['backoffice']);
    expect(doc.paths['/api/reports/ivr'].get.tags).toEqual(['backoffice']);
  });
});
