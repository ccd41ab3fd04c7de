import type { CaseRow, CasesReport, ContainmentRow, IvrReport } from './reports.ts';

/**
 * The reports as CSV (RFC 4180): one header row, comma-separated, CRLF line ends, a field quoted
 * when it holds a comma, a quote or a line break, quotes doubled. A text field a spreadsheet
 * would run as a formula (starting with = + - @, a tab or a CR) is prefixed with an apostrophe.
 * Numbers are written as numbers; an empty field is "none" (no key) or "not applicable".
 */
export type Cell = string | number | null;

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per breakdown entry: `dimension` total, kind, outcome, category, owner or day. */
export function casesCsv(report: CasesReport): string {
  const row = (dimension: string) => (r: CaseRow): Cell[] => [dimension, r.key, r.cases, r.closed, r.averageHandlingSeconds];
  return toCsv(
    ['dimension', 'key', 'cases', 'closed', 'average_handling_seconds'],
    [
      row('total')(report.total),
      ...report.byKind.map(row('kind')),
      ...report.byOutcome.map(row('outcome')),
      ...report.byCategory.map(row('category')),
      ...report.byOwner.map(row('owner')),
      ...report.byDay.map(row('day')),
    ],
  );
}

/** The whole period, each call outcome, then each day; every row with the same columns. */
export function ivrCsv(report: IvrReport): string {
  const row = (dimension: string, key: string | null, r: Omit<ContainmentRow, 'day'>): Cell[] => [dimension, key, r.finishedCalls, r.contained, r.transferred, r.containmentRate];
  return toCsv(
    ['dimension', 'key', 'finished_calls', 'contained', 'transferred', 'containment_rate'],
    [
      row('total', null, report.total),
      ...report.byOutcome.map(({ outcome, calls }) =>
        row('outcome', outcome, { finishedCalls: calls, contained: outcome === 'transferred' ? 0 : calls, transferred: outcome === 'transferred' ? calls : 0, containmentRate: null }),
      ),
      ...report.byDay.map((r) => row('day', r.day, r)),
    ],
  );
}
