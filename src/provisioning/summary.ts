import type { ImportSummary } from './schema.ts';

/** The summary an operator reads after an import: totals, then one line per error and per change not made. */
export function formatSummary(source: string, s: ImportSummary): string {
  const lines = [
    `${source}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.errors.length} error${s.errors.length === 1 ? '' : 's'}` +
      (s.skipped.length ? `, ${s.skipped.length} change${s.skipped.length === 1 ? '' : 's'} not made` : ''),
  ];
  for (const e of s.errors) {
    const who = e.externalId ? ` (${e.externalId})` : '';
    lines.push(`  ${e.record} #${e.index}${who}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
  }
  for (const k of s.skipped) {
    lines.push(`  ${k.record} #${k.index}${k.externalId ? ` (${k.externalId})` : ''} ${k.field} not changed (${k.reason}): ${k.message}`);
  }
  return lines.join('\n') + '\n';
}
