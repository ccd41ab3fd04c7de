import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bank } from '../../banking/test-support.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { CASE_STATUSES, decideReopen, STATUS_TRANSITIONS } from './rules.ts';
import { freshCustomer, openBackoffice, postAlert, staffClient, tables } from './test-support.ts';

describe('reopening a case (rules)', () => {
  it('reopens only a closed case, with a reason, into a status the table allows', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASE_STATUSES), fc.constantFrom('', ' \n ', 'El cliente aporta documentación nueva.', 'x'.repeat(4001)), (status, reason) => {
        const d = decideReopen({ status, pendingReason: null }, reason);
        if (status !== 'closed') expect(d).toEqual({ ok: false, reason: 'wrong_status' });
        else if (reason.trim() === '') expect(d).toEqual({ ok: false, reason: 'comment_required' });
        else if (reason.length > 4000) expect(d).toEqual({ ok: false, reason: 'text_too_long' });
        else {
          expect(d).toMatchObject({ ok: true, next: { status: 'in_progress', pendingReason: null }, reason });
          expect(STATUS_TRANSITIONS.closed).toContain('in_progress');
        }
      }),
    );
  });
});

describeEachDatabase('back office: reopening a closed case', (backend) => {
  let bank: Bank;
  beforeEach(async () => {
    bank = await openBackoffice(backend);
  });
  afterEach(() => bank.close());

  it('lets a supervisor reopen a closed case, recorded with the reason; nobody else, and nothing but a closed case', async () => {
    const c = await freshCustomer(bank);
    const alert = await postAlert(bank.app, { sourceAlertId: `RO-${c.id}`, customer: { externalId: c.external_id }, situation: 'login_new_location' });
    const id = alert.body.caseId as string;
    const url = `/api/cases/${id}/reopen`;
    const sergio = staffClient(bank, 'sergio', 'supervisor');
    expect(await sergio.post(url, { reason: 'Reabrir' })).toMatchObject({ status: 409, body: { reason: 'wrong_status' } });
    // Categorised first: closing may require a category.
    expect((await staffClient(bank).patch(`/api/cases/${id}`, { category: 'fraud/operation_alert/confirmed' })).status).toBe(200);
    expect((await staffClient(bank).post(`/api/cases/${id}/close`, { closingComment: 'Confirma la operación.' })).status).toBe(200);

    expect(await staffClient(bank, 'ana', 'agent').post(url, { reason: 'Reabrir' })).toMatchObject({ status: 403, body: { reason: 'supervisor_only' } });
    expect(await staffClient(bank, 'olga', 'branch', '0123').post(url, { reason: 'Reabrir' })).toMatchObject({ status: 403, body: { reason: 'supervisor_only' } });
    expect(await sergio.post(url, { reason: ' \n ' })).toMatchObject({ status: 400, body: { reason: 'comment_required' } });
    const reopened = await sergio.post(url, { reason: 'El cliente llama: no fue él quien confirmó.' });
    expect(reopened).toMatchObject({ status: 200, body: { status: 'in_progress', closedAt: null, closingComment: null } });

    const events = await tables(bank).selectFrom('case_events').select(['type', 'actor', 'data']).where('case_id', '=', id).orderBy('id').execute();
    expect(events.map((e) => e.type).slice(-2)).toEqual(['closed', 'reopened']);
    expect(events.at(-1)).toMatchObject({ actor: 'staff:sergio', data: { from: 'closed', to: 'in_progress', reason: 'El cliente llama: no fue él quien confirmó.' } });
    const audit = await bank.services.db.selectFrom('audit_log').select(['action', 'actor']).where('subject', '=', `case:${id}`).orderBy('id', 'desc').limit(1).execute();
    expect(audit).toEqual([{ action: 'case.reopened', actor: 'staff:sergio' }]);
    // Worked and closed again like any open case.
    expect((await staffClient(bank).post(`/api/cases/${id}/close`, { closingComment: 'Cerrado de nuevo.' })).body).toMatchObject({ status: 'closed' });
  });
});
