import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { CaseRow, ContainmentRow } from '../../../../src/backoffice/reports/reports.ts';
import type { Locale } from '../../../../src/i18n/catalogue.ts';
import { intlTag } from '../../i18n/locale.ts';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { PageTitle } from '../../layout/PageTitle.tsx';
import { consoleApi, ConsoleApiError, type Categories, type StaffMember } from '../api.ts';
import { ConsoleFrame } from '../ConsoleFrame.tsx';
import { errorText } from '../errors.ts';
import { actorName } from '../format.ts';
import { loadReports, reportUrl, type CasesReport, type IvrReport, type ReportName } from './api.ts';
import { BarChart, ColumnChart, type Row } from './charts.tsx';

type Translate = (id: string, params?: Record<string, string | number>) => string;

/** The supervisors' reports: cases and IVR containment over a period, as charts and CSV. */
export function ReportsPage() {
  return <ConsoleFrame>{(staff) => <ReportsView staff={staff} />}</ConsoleFrame>;
}

function ReportsView({ staff }: { staff: StaffMember }) {
  const { t, locale } = useLocale();
  const [form, setForm] = useState({ from: '', to: '' });
  const [shown, setShown] = useState<{ cases: CasesReport; ivr: IvrReport } | null>(null);
  const [categories, setCategories] = useState<Categories | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const allowed = staff.role === 'supervisor' || staff.role === 'admin';

  const load = useCallback(async (period: { from: string; to: string }) => {
    setBusy(true);
    try {
      const next = await loadReports(period);
      setShown(next);
      setForm({ from: next.cases.period.from, to: next.cases.period.to });
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    if (!allowed) return;
    void load({ from: '', to: '' });
    consoleApi.categories().then(setCategories, () => setCategories(null));
  }, [allowed, load]);

  if (!allowed) {
    return (
      <div className="side-page">
        <PageTitle>{t('console.reports.title')}</PageTitle>
        <p className="notice notice--error" role="alert">
          {t('console.reports.forbidden')}
        </p>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load(form);
  };
  const period = shown ? { from: shown.cases.period.from, to: shown.cases.period.to } : form;
  const refused = error instanceof ConsoleApiError && error.reason === 'invalid_period' ? t('reports.error.invalid_period') : error !== null ? errorText(t, error) : null;
  return (
    <div className="side-page reports">
      <PageTitle>{t('console.reports.title')}</PageTitle>
      <p className="lead">{t('console.reports.lead')}</p>
      <form className="panel side-search reports-period" onSubmit={submit}>
        <div className="field">
          <label htmlFor="rep-from">{t('console.reports.from')}</label>
          <input id="rep-from" type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="rep-to">{t('console.reports.to')}</label>
          <input id="rep-to" type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('console.reports.show')}
        </button>
      </form>
      {refused && (
        <p className="notice notice--error" role="alert">
          {refused}
        </p>
      )}
      {shown && (
        <>
          <p className="reports-shown" aria-live="polite">
            {t('console.reports.period', { from: day(shown.cases.period.from, locale), to: day(shown.cases.period.to, locale) })}
          </p>
          <CasesSection report={shown.cases} categories={categories} csv={csvLink(t, 'cases', period)} />
          <IvrSection report={shown.ivr} csv={csvLink(t, 'ivr', period)} />
        </>
      )}
    </div>
  );
}

function csvLink(t: Translate, name: ReportName, period: { from: string; to: string }) {
  const report = name === 'cases' ? t('console.reports.cases') : t('console.reports.ivr');
  return (
    <a className="button button--quiet" href={reportUrl(name, period, true)} download>
      {t('console.reports.csv', { report })}
    </a>
  );
}

function CasesSection({ report, categories, csv }: { report: CasesReport; categories: Categories | null; csv: ReactNode }) {
  const { t, locale } = useLocale();
  const rows = (list: CaseRow[], label: (key: string | null) => string): Row[] => list.map((r) => ({ label: label(r.key), values: [r.cases] }));
  // A chart names a category by its leaf (a long one wraps); its table shows the whole path.
  const leaf = (k: string | null) => (k ? categoryLabels(categories, k, locale).at(-1)! : t('console.reports.noCategory'));
  const labels = {
    kind: (k: string | null) => (k ? t(`backoffice.kind.${k}`) : t('console.reports.none')),
    outcome: (k: string | null) => (k ? t(`backoffice.outcome.${k}`) : t('console.reports.noOutcome')),
    category: (k: string | null) => (k ? categoryLabels(categories, k, locale).join(' › ') : t('console.reports.noCategory')),
    owner: (k: string | null) => (k ? actorName(k) : t('console.reports.unassigned')),
  };
  const dimensions = [
    { title: t('console.reports.byOutcome'), list: report.byOutcome, label: labels.outcome },
    { title: t('console.reports.byOwner'), list: report.byOwner, label: labels.owner },
    { title: t('console.reports.byCategory'), list: report.byCategory, label: labels.category, chartLabel: leaf },
    { title: t('console.reports.byKind'), list: report.byKind, label: labels.kind },
  ];
  return (
    <section className="reports-section" aria-labelledby="rep-cases">
      <div className="reports-section__head">
        <h2 id="rep-cases">{t('console.reports.cases')}</h2>
        {csv}
      </div>
      <Figures
        items={[
          [t('console.reports.total'), report.total.cases],
          [t('console.reports.closed'), report.total.closed],
          [t('console.reports.average'), duration(t, report.total.averageHandlingSeconds)],
        ]}
      />
      <ColumnChart
        title={t('console.reports.byDay')}
        series={[
          { label: t('console.reports.closed'), tone: 'a' },
          { label: t('console.reports.open'), tone: 'b' },
        ]}
        rows={report.byDay.map((r) => ({ label: shortDay(r.key!, locale), values: [r.closed, r.cases - r.closed] }))}
        table={<CaseTable rows={report.byDay} keyHeader={t('console.reports.col.day')} label={(k) => day(k!, locale)} />}
      />
      <div className="reports-grid">
        {dimensions.map((d) => (
          <BarChart key={d.title} title={d.title} rows={rows(d.list, d.chartLabel ?? d.label)} table={<CaseTable rows={d.list} keyHeader={t('console.reports.col.key')} label={d.label} />} />
        ))}
      </div>
    </section>
  );
}

/** The headline figures of a report. */
function Figures({ items }: { items: [string, string | number][] }) {
  return (
    <dl className="reports-figures">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function CaseTable({ rows, keyHeader, label }: { rows: CaseRow[]; keyHeader: string; label: (key: string | null) => string }) {
  const { t } = useLocale();
  return (
    <table className="reports-table">
      <thead>
        <tr>
          <th scope="col">{keyHeader}</th>
          <th scope="col">{t('console.reports.col.cases')}</th>
          <th scope="col">{t('console.reports.col.closed')}</th>
          <th scope="col">{t('console.reports.col.average')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key ?? ''}>
            <th scope="row">{label(r.key)}</th>
            <td>{r.cases}</td>
            <td>{r.closed}</td>
            <td>{duration(t, r.averageHandlingSeconds)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function IvrSection({ report, csv }: { report: IvrReport; csv: ReactNode }) {
  const { t, locale } = useLocale();
  const outcome = (o: string | null) => t(`console.reports.ivrOutcome.${o ?? 'none'}`);
  return (
    <section className="reports-section" aria-labelledby="rep-ivr">
      <div className="reports-section__head">
        <h2 id="rep-ivr">{t('console.reports.ivr')}</h2>
        {csv}
      </div>
      <Figures
        items={[
          [t('console.reports.calls'), report.total.finishedCalls],
          [t('console.reports.rate'), percent(report.total.containmentRate, locale, t)],
          [t('console.reports.unfinished'), report.unfinishedCalls],
        ]}
      />
      <ColumnChart
        title={t('console.reports.ivrByDay')}
        series={[
          { label: t('console.reports.col.contained'), tone: 'a' },
          { label: t('console.reports.col.transferred'), tone: 'b' },
        ]}
        rows={report.byDay.map((r) => ({ label: shortDay(r.day!, locale), values: [r.contained, r.transferred] }))}
        table={<IvrTable rows={report.byDay} />}
      />
      <BarChart
        title={t('console.reports.ivrByOutcome')}
        rows={report.byOutcome.map((r) => ({ label: outcome(r.outcome), values: [r.calls] }))}
        table={
          <table className="reports-table">
            <thead>
              <tr>
                <th scope="col">{t('console.reports.col.outcome')}</th>
                <th scope="col">{t('console.reports.col.calls')}</th>
              </tr>
            </thead>
            <tbody>
              {report.byOutcome.map((r) => (
                <tr key={r.outcome ?? ''}>
                  <th scope="row">{outcome(r.outcome)}</th>
                  <td>{r.calls}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}

function IvrTable({ rows }: { rows: ContainmentRow[] }) {
  const { t, locale } = useLocale();
  return (
    <table className="reports-table">
      <thead>
        <tr>
          <th scope="col">{t('console.reports.col.day')}</th>
          <th scope="col">{t('console.reports.col.calls')}</th>
          <th scope="col">{t('console.reports.col.contained')}</th>
          <th scope="col">{t('console.reports.col.transferred')}</th>
          <th scope="col">{t('console.reports.col.rate')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.day ?? ''}>
            <th scope="row">{r.day ? day(r.day, locale) : ''}</th>
            <td>{r.finishedCalls}</td>
            <td>{r.contained}</td>
            <td>{r.transferred}</td>
            <td>{percent(r.containmentRate, locale, t)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The labels of a category path `a/b/c` in the tree ("Fraude…", "Alerta…", "Confirma…"); the path itself if unknown. */
function categoryLabels(tree: Categories | null, path: string, locale: Locale): string[] {
  const labels: string[] = [];
  let level: { id: string; label: { es: string; en: string }; children?: unknown[] }[] | undefined = tree?.categories;
  for (const id of path.split('/')) {
    const node = level?.find((n) => n.id === id);
    if (!node) return [path];
    labels.push(node.label[locale]);
    level = node.children as typeof level;
  }
  return labels;
}

/** A calendar day `YYYY-MM-DD` as people write it (it is a day of the bank's zone already). */
function day(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function shortDay(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag(locale), { day: 'numeric', month: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function duration(t: Translate, seconds: number | null): string {
  if (seconds === null) return t('console.reports.notApplicable');
  if (seconds < 60) return t('console.reports.duration.seconds', { s: seconds });
  if (seconds < 3600) return t('console.reports.duration.minutes', { m: Math.floor(seconds / 60), s: seconds % 60 });
  return t('console.reports.duration.hours', { h: Math.floor(seconds / 3600), m: Math.floor((seconds % 3600) / 60) });
}

function percent(rate: number | null, locale: Locale, t: Translate): string {
  if (rate === null) return t('console.reports.notApplicable');
  return new Intl.NumberFormat(intlTag(locale), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}
