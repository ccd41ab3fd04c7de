import { useId, type ReactNode } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.tsx';

/**
 * Two small charts drawn by React as SVG (no chart library: bars and columns are a few
 * rectangles, and the figures stay readable as a table beside each chart for screen readers
 * and for copying). Colours come from console-side.css; each series also has its legend.
 */

export interface Series {
  label: string;
  /** A modifier of `chart-series--<tone>` in the stylesheet. */
  tone: 'a' | 'b';
}

export interface Row {
  label: string;
  values: number[];
}

const nice = (max: number) => (max <= 5 ? 5 : Math.ceil(max / 5) * 5);

/**
 * Horizontal bars, one per row (one series). Drawn in HTML rather than one SVG so a label is
 * never cut: it wraps on as many lines as it needs and its row grows (issue 15).
 */
export function BarChart({ title, rows, table }: { title: string; rows: Row[]; table: ReactNode }) {
  const id = useId();
  const max = nice(Math.max(0, ...rows.map((r) => r.values[0] ?? 0)));
  return (
    <figure className="chart">
      <figcaption id={`${id}-c`}>{title}</figcaption>
      <div className="chart__bars" role="img" aria-labelledby={`${id}-c`}>
        {rows.map((row, i) => {
          const value = row.values[0] ?? 0;
          const share = max === 0 ? 0 : (value / max) * 100;
          return (
            <div className="chart__row" key={i}>
              <span className="chart__bar-label">{row.label}</span>
              <svg className="chart__track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                <rect width={Math.max(share, value > 0 ? 0.7 : 0)} height="10" className="chart-series--a" />
              </svg>
              <span className="chart__bar-value">{value}</span>
            </div>
          );
        })}
      </div>
      <ChartTable>{table}</ChartTable>
    </figure>
  );
}

/** Stacked columns, one per row (a day), with a legend of the series. */
export function ColumnChart({ title, series, rows, table }: { title: string; series: Series[]; rows: Row[]; table: ReactNode }) {
  const id = useId();
  const max = nice(Math.max(0, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0))));
  const left = 34;
  const plotHeight = 160;
  const top = 10;
  const step = Math.max(8, Math.min(48, Math.floor(900 / Math.max(1, rows.length))));
  const width = left + rows.length * step + 10;
  const labelEvery = Math.ceil(rows.length / 10);
  const y = (v: number) => top + plotHeight - (max === 0 ? 0 : (v / max) * plotHeight);
  return (
    <figure className="chart">
      <figcaption id={`${id}-c`}>{title}</figcaption>
      <ul className="chart__legend">
        {series.map((s) => (
          <li key={s.label}>
            <svg width="12" height="12" aria-hidden="true">
              <rect width="12" height="12" className={`chart-series--${s.tone}`} />
            </svg>{' '}
            {s.label}
          </li>
        ))}
      </ul>
      <svg className="chart__svg" width={width} height={top + plotHeight + 34} viewBox={`0 0 ${width} ${top + plotHeight + 34}`} role="img" aria-labelledby={`${id}-c`} preserveAspectRatio="xMinYMin meet">
        {[0, max / 2, max].map((tick) => (
          <g key={tick}>
            <line x1={left} x2={width} y1={y(tick)} y2={y(tick)} className="chart__grid" />
            <text x={left - 4} y={y(tick) + 4} textAnchor="end" className="chart__value">
              {tick}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          let base = 0;
          const x = left + i * step + 2;
          return (
            <g key={i}>
              {row.values.map((v, k) => {
                const from = base;
                base += v;
                return v > 0 ? <rect key={k} x={x} y={y(base)} width={step - 4} height={y(from) - y(base)} className={`chart-series--${series[k]!.tone}`} /> : null;
              })}
              {i % labelEvery === 0 && (
                <text x={x + (step - 4) / 2} y={top + plotHeight + 16} textAnchor="middle" className="chart__label">
                  {row.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ChartTable>{table}</ChartTable>
    </figure>
  );
}

function ChartTable({ children }: { children: ReactNode }) {
  const { t } = useLocale();
  return (
    <details className="chart__data">
      <summary>{t('console.reports.chartData')}</summary>
      {children}
    </details>
  );
}

