import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * Issue 13: IVR branch 3.2 reads out the same signing code the SMS carried (DESIGN.md section 5),
 * so the SMS that arrives late still signs. The code's keyed hash stays what a submission is
 * checked against; besides it, a code that may be read out again keeps its digits sealed
 * (AES-256-GCM under a key derived from the server key, `platform/sealing.ts`) until it is
 * used, replaced or expires, when the sealed digits are cleared (and swept by the background
 * work, for codes that simply ran out of time).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table one_time_codes add column sealed_code text;
    create index one_time_codes_sealed_idx on one_time_codes (expires_at) where sealed_code is not null;
    `,
  );
}
