import type { CasesReport, IvrReport } from '../../../../src/backoffice/reports/reports.ts';
import { request } from '../api.ts';

export type { CasesReport, IvrReport };
export type ReportName = 'cases' | 'ivr';

/** The query of a report over the days `from`..`to` (both empty: the server's default 30 days). */
export function reportUrl(name: ReportName, period: { from: string; to: string }, csv = false): string {
  const params = new URLSearchParams();
  if (period.from) params.set('from', period.from);
  if (period.to) params.set('to', period.to);
  if (csv) params.set('format', 'csv');
  const query = params.toString();
  return `/api/reports/${name}${query ? `?${query}` : ''}`;
}

/** Both reports of one period (supervisor or admin role). */
export async function loadReports(period: { from: string; to: string }): Promise<{ cases: CasesReport; ivr: IvrReport }> {
  const [cases, ivr] = await Promise.all([request<CasesReport>('GET', reportUrl('cases', period)), request<IvrReport>('GET', reportUrl('ivr', period))]);
  return { cases, ivr };
}
