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
import * as m0013 from './0013_fraud_team_case_links.ts';
import * as m0014 from './0014_ways_back.ts';
import * as m0015 from './0015_sealed_codes.ts';
import * as m0016 from './0016_ivr_handovers.ts';
import * as m0017 from './0017_audit_keyed.ts';
import * as m0019 from './0019_unknown_identities.ts';
import * as m0020 from './0020_staff_oidc.ts';
import * as m0021 from './0021_rate_limits.ts';
import * as m0022 from './0022_account_balances.ts';
import * as m0023 from './0023_sla_notices.ts';
import * as m0024 from './0024_contact_calls.ts';
import * as m0025 from './0025_audit_sealer.ts';

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
  '0013_fraud_team_case_links': m0013,
  '0014_ways_back': m0014,
  '0015_sealed_codes': m0015,
  '0016_ivr_handovers': m0016,
  '0017_audit_keyed': m0017,
  '0019_unknown_identities': m0019,
  '0020_staff_oidc': m0020,
  '0021_rate_limits': m0021,
  '0022_account_balances': m0022,
  '0023_sla_notices': m0023,
  '0024_contact_calls': m0024,
  '0025_audit_sealer': m0025,
};
