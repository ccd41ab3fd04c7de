import type { ReactNode } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { errorText } from '../errors.ts';

/** A table's column headings, from catalogue ids. */
export function ColumnHeads({ ids }: { ids: readonly string[] }) {
  const { t } = useLocale();
  return (
    <thead>
      <tr>
        {ids.map((id) => (
          <th key={id} scope="col">
            {t(id)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A table of the view: its column headings (catalogue ids) and its rows, scrolling sideways on a narrow screen. */
export function DataTable({ heads, className = '', children }: { heads: readonly string[]; className?: string; children: ReactNode }) {
  return (
    <div className="console-table-wrap">
      <table className={`console-table sv-table ${className}`.trim()}>
        <ColumnHeads ids={heads} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** What just happened live (announced politely) and a refusal, if any (announced at once). */
export function LiveNotes({ news, error }: { news: string; error: unknown }) {
  const { t } = useLocale();
  return (
    <>
      <p className="side-status" role="status">
        {news}
      </p>
      {error !== null && (
        <p className="notice notice--error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </>
  );
}
