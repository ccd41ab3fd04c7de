import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { CallOutcome } from '../../ivr/flow-types.ts';
import { OUTCOMES, type BackofficeTables, type CaseKind } from '../schema.ts';

/**
 * The supervisors' reports (seed 002: "para poder bonificar al empleado según el actual Plan de
 * Calidad y para el análisis posterior de volúmenes"): cases by kind, outcome, category, agent
 * (owner) and day with their handling time, and the IVR's containment from its call records.
 *
 * A report covers whole days `from`..`to` (inclusive) of the bank time zone. Every case figure is
 * about the cases OPENED in those days (by outcome: the alert cases only, one per worked alert); of them, `closed` counts those closed before the period
 * ended and the handling time (opened → closed) is averaged over those, so a past period's report
 * never changes. The IVR figures are about the calls STARTED in those days.
 */

export interface ReportPeriod {
  from: string;
  to: string;
  timeZone: string;
}

/** The longest period one report covers (a year, leap day included). */
export const MAX_PERIOD_DAYS = 366;
/** The period when none is asked: the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `from`/`to` as asked (YYYY-MM-DD, either may be absent), checked; `to` defaults to today. */
export function reportPeriod(query: { from?: string | undefined; to?: string | undefined }, now: Date, timeZone: string): ReportPeriod {
  for (const [name, value] of [['from', query.from], ['to', query.to]] as const) {
    if (value !== undefined && !isDate(value)) throw periodError(`${name} must be a date YYYY-MM-DD (got "${value}")`);
  }
  const to = query.to ?? localDate(now, timeZone);
  const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw periodError('from must not be after to');
  if (days > MAX_PERIOD_DAYS) throw periodError(`a report covers at most ${MAX_PERIOD_DAYS} days (asked ${days})`);
  return { from, to, timeZone };
}

function periodError(detail: string): AppError {
  return new AppError('validation', detail, undefined, { reason: 'invalid_period', messageId: 'reports.error.invalid_period' });
}

/** The calendar date at `now` in `timeZone`, YYYY-MM-DD. */
export function localDate(now: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Calendar arithmetic on YYYY-MM-DD (UTC midnights, so no daylight-saving day is short). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Every day of the period, in order. */
export function periodDays(period: ReportPeriod): string[] {
  return Array.from({ length: daysBetween(period.from, period.to) + 1 }, (_, i) => addDays(period.from, i));
}

/** One row of a case breakdown; `key` null is "none" (no outcome yet, no category, unassigned). */
export interface CaseRow {
  key: string | null;
  cases: number;
  closed: number;
  /** Mean seconds from opened to closed over the `closed` cases; null when none is closed. */
  averageHandlingSeconds: number | null;
}

export interface CasesReport {
  period: ReportPeriod;
  total: CaseRow;
  byKind: CaseRow[];
  /** The alert cases by the playbook outcome their alert was worked with: each worked alert once (main cases are not counted again). */
  byOutcome: CaseRow[];
  byCategory: CaseRow[];
  /** By the owning agent (`staff:<id>`); null is unassigned. */
  byOwner: CaseRow[];
  /** By the day the case was opened, every day of the period (zeros included). */
  byDay: CaseRow[];
}

export type CaseDimension = 'kind' | 'outcome' | 'category' | 'owner' | 'day';

/** The period as instants: the start of `from` and the start of the day after `to`, in its time zone. */
export async function periodBounds(ex: Executor, period: ReportPeriod): Promise<{ start: Date; end: Date }> {
  // PostgreSQL turns a local midnight into an instant by the zone's rules, daylight saving included.
  const { rows } = await sql<{ start: Date; end: Date }>`
    select (${period.from}::date)::timestamp at time zone ${period.timeZone} as start,
           (${period.to}::date + 1)::timestamp at time zone ${period.timeZone} as end`.execute(ex);
  const row = rows[0]!;
  return { start: new Date(row.start), end: new Date(row.end) };
}

/** Cases opened in the period, broken down by each dimension. */
export async function casesReport(ex: Executor, period: ReportPeriod): Promise<CasesReport> {
  const { start, end } = await periodBounds(ex, period);
  const bo = ex.withTables<BackofficeTables>();
  const closedInPeriod = sql<SqlBool>`closed_at is not null and closed_at < ${end}`;
  const keys: Record<CaseDimension | 'total', RawBuilder<string | null>> = {
    total: sql<null>`null`,
    kind: sql<string>`kind`,
    outcome: sql<string | null>`outcome`,
    category: sql<string | null>`category`,
    owner: sql<string | null>`owner`,
    day: sql<string>`to_char(opened_at at time zone ${period.timeZone}, 'YYYY-MM-DD')`,
  };
  const breakdown = async (key: RawBuilder<string | null>, alertsOnly = false): Promise<CaseRow[]> => {
    let q = bo
      .selectFrom('cases')
      .select((eb) => [
        key.as('key'),
        eb.fn.countAll<number>().as('cases'),
        eb.fn.countAll<number>().filterWhere(closedInPeriod).as('closed'),
        sql<number | null>`(avg(extract(epoch from closed_at - opened_at)) filter (where ${closedInPeriod}))::float8`.as('avg_seconds'),
      ])
      .where('opened_at', '>=', start)
      .where('opened_at', '<', end)
      .groupBy(sql`1`);
    if (alertsOnly) q = q.where('kind', '=', 'alert');
    const rows = await q.execute();
    return rows.map((r) => ({
      key: r.key,
      cases: Number(r.cases),
      closed: Number(r.closed),
      averageHandlingSeconds: r.avg_seconds === null ? null : Math.round(Number(r.avg_seconds)),
    }));
  };
  // Each worked alert counts once by outcome: on its alert case. The main case the playbook opens
  // for it carries the same outcome, and counting it too made a failed_security count twice.
  const [total, kind, outcome, category, owner, day] = await Promise.all(
    (['total', 'kind', 'outcome', 'category', 'owner', 'day'] as const).map((d) => breakdown(keys[d], d === 'outcome')),
  );
  const empty = (key: string | null): CaseRow => ({ key, cases: 0, closed: 0, averageHandlingSeconds: null });
  const kinds: readonly CaseKind[] = ['alert', 'main'];
  return {
    period,
    total: total![0] ?? empty(null),
    // Every kind and outcome appears (zero or not) so columns stay put from one report to the next.
    byKind: withAll(kind!, kinds, empty),
    byOutcome: withAll(outcome!, OUTCOMES, empty),
    byCategory: byVolume(category!),
    byOwner: byVolume(owner!),
    byDay: periodDays(period).map((d) => day!.find((r) => r.key === d) ?? empty(d)),
  };
}

/** `rows` in the order of `keys`, a zero row for a missing key, then any other key (null last). */
function withAll(rows: CaseRow[], keys: readonly string[], empty: (key: string | null) => CaseRow): CaseRow[] {
  return [...keys.map((k) => rows.find((r) => r.key === k) ?? empty(k)), ...byVolume(rows.filter((r) => r.key === null || !keys.includes(r.key)))];
}

/** Most cases first; ties by key; the "none" row last. */
function byVolume(rows: CaseRow[]): CaseRow[] {
  return [...rows].sort((a, b) => (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) || b.cases - a.cases || (a.key ?? '').localeCompare(b.key ?? ''));
}

export interface ContainmentRow {
  /** A day of the period, or null for the whole period. */
  day: string | null;
  finishedCalls: number;
  /** Finished without a transfer to an agent (self-service done, sent to the branch, goodbye, hung up). */
  contained: number;
  transferred: number;
  /** contained / finishedCalls, four decimals; null without finished calls. */
  containmentRate: number | null;
}

export interface IvrReport {
  period: ReportPeriod;
  total: ContainmentRow;
  /** Calls started in the period and not finished by its end (the provider has not reported them over). */
  unfinishedCalls: number;
  byOutcome: { outcome: CallOutcome | null; calls: number }[];
  byDay: ContainmentRow[];
}

const CALL_OUTCOMES: readonly CallOutcome[] = ['resolved', 'referred', 'goodbye', 'transferred', 'abandoned'];

/**
 * IVR containment from `ivr_calls`: of the calls started in the period that finished (the
 * provider reported them over) before its end, how many ended without a transfer to an agent.
 */
export async function ivrReport(ex: Executor, period: ReportPeriod): Promise<IvrReport> {
  const { start, end } = await periodBounds(ex, period);
  const rows = await ex
    .selectFrom('ivr_calls')
    .select((eb) => [
      sql<string>`to_char(started_at at time zone ${period.timeZone}, 'YYYY-MM-DD')`.as('day'),
      'outcome',
      sql<boolean>`ended_at is not null and ended_at < ${end}`.as('finished'),
      eb.fn.countAll<number>().as('calls'),
    ])
    .where('started_at', '>=', start)
    .where('started_at', '<', end)
    .groupBy([sql`1`, 'outcome', sql`3`])
    .execute();
  const finished = rows.filter((r) => r.finished);
  const containment = (day: string | null): ContainmentRow => {
    const of = finished.filter((r) => day === null || r.day === day);
    const finishedCalls = sum(of);
    const transferred = sum(of.filter((r) => r.outcome === 'transferred'));
    const contained = finishedCalls - transferred;
    return { day, finishedCalls, contained, transferred, containmentRate: finishedCalls === 0 ? null : Math.round((contained / finishedCalls) * 10_000) / 10_000 };
  };
  const outcomes: (CallOutcome | null)[] = [...CALL_OUTCOMES, ...(finished.some((r) => r.outcome === null) ? [null] : [])];
  return {
    period,
    total: containment(null),
    unfinishedCalls: sum(rows.filter((r) => !r.finished)),
    byOutcome: outcomes.map((outcome) => ({ outcome, calls: sum(finished.filter((r) => r.outcome === outcome)) })),
    byDay: periodDays(period).map(containment),
  };
}

const sum = (rows: { calls: number | string | bigint }[]) => rows.reduce((n, r) => n + Number(r.calls), 0);
