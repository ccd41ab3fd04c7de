import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_outbox_delivery.ts';
import * as m0003 from './0003_blocks_one_active.ts';
import * as m0004 from '../../../ivr/migration.ts';
import * as m0005 from '../../../banking/migration.ts';
import * as m0006 from '../../../selfservice/migration.ts';
import * as m0007 from '../../../backoffice/migration.ts';
import * as m0008 from './0008_outbox_cc.ts';
import * as m0009 from '../../../staff/migration.ts';
import * as m0010 from '../../../knowledge/migration.ts';
import * as m0011 from './0011_contact_attempts_unbounded.ts';

/**
 * Every migration, in order. Names sort by their number; a migration, once released, is
 * never edited: changes go in a new file.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_outbox_delivery': m0002,
  '0003_blocks_one_active': m0003,
  '0004_ivr_calls': m0004,
  '0005_banking': m0005,
  '0006_selfservice': m0006,
  '0007_backoffice': m0007,
  '0008_outbox_cc': m0008,
  '0009_staff': m0009,
  '0010_knowledge': m0010,
  '0011_contact_attempts_unbounded': m0011,
};
