import type { ImportSummary } from './schema.ts';

/** The summary an operator reads after an import: totals, then one line per error. */
export function formatSummary(source: string, s: ImportSummary): string {
  const lines = [
    `${source}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.errors.length} error${s.errors.length === 1 ? '' : 's'}`,
  ];
  for (const e of s.errors) {
    const who = e.externalId ? ` (${e.externalId})` : '';
    lines.push(`  ${e.record} #${e.index}${who}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
  }
  return lines.join('\n') + '\n';
}
