import { sql, type Kysely } from 'kysely';

/** Runs a migration script one statement at a time (PGlite's extended protocol takes one per query). */
export async function runScript(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const statement of statements) await sql.raw(statement).execute(db);
}
