import { buildPgliteTemplate, dropOldPostgresTemplates, ensurePostgresTemplate, PGLITE_TEMPLATE_DIR, pgliteTemplateFile } from './helpers/templates.ts';
import { readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';

/**
 * Runs once before the test workers start: makes the migrated templates every fresh test
 * database copies (test/helpers/templates.ts), and drops those of other migration sets. A worker
 * that finds no template makes it itself, so this is a head start, not a requirement.
 */
export default async function setup(): Promise<void> {
  const file = pgliteTemplateFile();
  const existing = await readdir(PGLITE_TEMPLATE_DIR).catch(() => [] as string[]);
  for (const name of existing) {
    if (name.startsWith('pglite-') && name !== basename(file) && !name.endsWith('.partial')) await rm(join(PGLITE_TEMPLATE_DIR, name), { force: true });
  }
  const pglite = existing.includes(basename(file)) ? Promise.resolve() : buildPgliteTemplate().then(() => undefined);
  const url = process.env.TEST_DATABASE_URL;
  const postgres = url ? dropOldPostgresTemplates(url).then(() => ensurePostgresTemplate(url)) : Promise.resolve();
  await Promise.all([pglite, postgres]);
}
