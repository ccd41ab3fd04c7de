import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * Every block has a way back (issue 13):
 * - `online_banking_users.profile_origin`: who set the profile (`core` feed, `contact_centre`,
 *   `office`), so a provisioning feed never restores a read-only profile the contact centre or a
 *   branch set. An existing read-only profile whose last `profile.set` audit row names a staff
 *   member was the contact centre's; any other was the feed's.
 * - `unlock_requests`: a branch's unlock of a customer the contact centre blocked, with the
 *   document seen, and its approval by a second person when four-eyes is on (one pending at most
 *   per customer).
 * - an index on the audit log by customer, which the customer's history reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table online_banking_users add column profile_origin text check (profile_origin in ('core', 'contact_centre', 'office'));
    update online_banking_users u set profile_origin = case
        when (select a.actor from audit_log a where a.customer_id = u.customer_id and a.action = 'profile.set' order by a.id desc limit 1) like 'staff:%' then 'contact_centre'
        else 'core' end
      where u.profile = 'read_only';

    create index audit_log_customer on audit_log(customer_id, id) where customer_id is not null;

    create table unlock_requests (
      id uuid primary key,
      customer_id uuid not null references customers(id),
      case_id uuid references cases(id),
      office_code text not null references offices(code),
      document_type text not null,
      document_masked text not null,
      note text,
      status text not null check (status in ('pending', 'done', 'rejected')),
      requested_by text not null,
      requested_at timestamptz not null,
      decided_by text,
      decided_at timestamptz,
      decision_reason text,
      result jsonb not null default '{}'
    );
    create unique index unlock_requests_one_pending on unlock_requests(customer_id) where status = 'pending';
    create index unlock_requests_queue on unlock_requests(office_code, status, requested_at);
    create index unlock_requests_customer on unlock_requests(customer_id, requested_at)
    `,
  );
}
