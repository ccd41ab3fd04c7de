import { sql } from 'kysely';
import { SOURCE } from '../src/backoffice/cases/test-support.ts';
import { insertCustomer } from '../src/customers/test-fixtures.ts';
import type { Backend } from '../test/helpers/db.ts';
import { serve } from './lib/app.ts';
import { Client } from './lib/client.ts';
import { record, tally, type Statement } from './lib/roundtrips.ts';
import { perSecond, pool } from './lib/stats.ts';

/**
 * Alert ingestion with dedupe: `POST /api/alerts` from a source with its key, over HTTP. Ten
 * alerts per customer, so most join an open case; one post in ten repeats an earlier
 * `sourceAlertId` (the idempotent 200). The floor: plain one-row inserts of the very rows the
 * ingestion stored, into a copy of the table without its constraints, with the same concurrency.
 */
export interface AlertsResult {
  posts: number;
  stored: number;
  concurrency: number;
  seconds: number;
  alertsPerSecond: number;
  floor: { seconds: number; alertsPerSecond: number };
  /** What one new alert, posted alone, asks of the database. */
  roundTripsPerAlert: Record<Statement, number>;
  ratio: number;
}

const SITUATIONS = ['login_new_location', 'new_beneficiary', 'card_new_country'];

export async function benchAlerts(backend: Backend, posts: number, concurrency: number): Promise<AlertsResult> {
  const s = await serve(backend, { 'backoffice.alertSources': [SOURCE] });
  const client = new Client(s.base, concurrency);
  try {
    const customers: string[] = [];
    for (let i = 0; i < Math.max(1, Math.ceil(posts / 10)); i++) customers.push((await insertCustomer(s.services.db)).external_id);
    const body = (n: number) => JSON.stringify({ sourceAlertId: `BENCH-${n}`, customer: { externalId: customers[n % customers.length] }, situation: SITUATIONS[n % SITUATIONS.length], details: { ip: `203.0.113.${n % 250}` } });
    const post = async (i: number) => {
      // Every tenth post repeats an earlier one, as a source retrying after a timeout does.
      const n = i % 10 === 9 ? i - 5 : i;
      const res = await client.request('POST', '/api/alerts', { 'content-type': 'application/json', 'x-alert-source': SOURCE.id, 'x-api-key': SOURCE.key }, body(n));
      if (res.status !== 201 && res.status !== 200) throw new Error(`POST /api/alerts answered ${res.status}: ${res.body}`);
    };
    // Warm-up posts of their own ids, deleted before the floor reads the rows back.
    await pool(20, concurrency, (i) => post(posts + 10 + i * 10));
    const statements = await record(() => post(posts + 1000));
    const ms = await pool(posts, concurrency, post);

    const db = s.services.db;
    await sql`create table bench_alerts (like alerts including defaults)`.execute(db);
    const rows = (await sql<Record<string, unknown>>`select * from alerts where source_alert_id like 'BENCH-%' and source = ${SOURCE.id}`.execute(db)).rows.filter((r) => Number(String(r.source_alert_id).slice(6)) < posts);
    const columns = Object.keys(rows[0] ?? {});
    const value = (v: unknown) => (v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v);
    const insert = (row: Record<string, unknown>) => sql`insert into bench_alerts (${sql.join(columns.map((c) => sql.ref(c)))}) values (${sql.join(columns.map((c) => value(row[c])))})`.execute(db);
    // Warm-up of the bare insert too, then an empty table again.
    await pool(Math.min(20, rows.length), concurrency, (i) => insert(rows[i]!).then(() => undefined));
    await sql`truncate bench_alerts`.execute(db);
    const floorMs = await pool(rows.length, concurrency, async (i) => {
      await insert(rows[i]!);
    });
    const rate = perSecond(posts, ms);
    const floorRate = perSecond(rows.length, floorMs);
    return { posts, stored: rows.length, concurrency, seconds: ms / 1000, alertsPerSecond: rate, floor: { seconds: floorMs / 1000, alertsPerSecond: floorRate }, roundTripsPerAlert: tally(statements), ratio: rate / floorRate };
  } finally {
    client.close();
    await s.close();
  }
}
