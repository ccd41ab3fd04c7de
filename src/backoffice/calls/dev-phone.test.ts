import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { Agent, demoBankSuite, newAlertCase, newScenario } from '../playbook/test-support.ts';
import type { BackofficeTables } from '../schema.ts';

/**
 * Dev mode (`calls.provider` unset, so `dev`): the `/phone` page is the customer's phone. A call
 * rings at the customer's number; answering and hanging up, declining, or letting it ring out
 * record the attempt as Twilio's callbacks would.
 */
describeEachDatabase('console calls on the dev phone', (backend) => {
  const bank = demoBankSuite(backend);
  const national = (e164: string) => e164.replace(/^\+34/, '').replace(/(\d{3})(\d{2})(\d{2})(\d{2})/, '$1 $2 $3 $4');

  async function ringing() {
    const r = bank();
    const agent = new Agent(r);
    const s = await newScenario(r.services, 'branch');
    const caseId = (await newAlertCase(r.services, s.customer.id)).id;
    const placed = await agent.request('POST', `/api/cases/${caseId}/calls`, {});
    expect(placed.statusCode, placed.body).toBe(201);
    const call = placed.json<{ call: { id: string; status: string } }>().call;
    expect(call.status).toBe('ringing');
    const attempts = () =>
      r.services.db.withTables<BackofficeTables>().selectFrom('contact_attempts').select(['attempt_no', 'phone_kind', 'result', 'duration_seconds']).where('case_id', '=', caseId).execute();
    const incoming = async () => (await r.app.inject(`/api/dev/phone/incoming?number=${encodeURIComponent(national(s.customer.landline!))}`)).json<{ calls: { id: string; status: string }[] }>().calls;
    return { r, agent, caseId, call, attempts, incoming };
  }

  it('rings at the customer’s number; answered and hung up 30 s later, the attempt is picked up with 30 s', async () => {
    const { r, agent, caseId, call, attempts, incoming } = await ringing();
    expect(await incoming()).toMatchObject([{ id: call.id, status: 'ringing' }]);
    expect((await r.app.inject({ method: 'POST', url: `/api/dev/phone/incoming/${call.id}/answer` })).statusCode).toBe(204);
    expect((await agent.request('GET', `/api/cases/${caseId}/contact`)).json()).toMatchObject({ call: { status: 'in_progress' }, calling: { provider: 'dev', canCall: true } });
    r.services.clock.advance(30_000);
    expect((await r.app.inject({ method: 'POST', url: `/api/dev/phone/incoming/${call.id}/hangup` })).statusCode).toBe(204);
    expect(await attempts()).toEqual([{ attempt_no: 1, phone_kind: 'landline', result: 'picked_up', duration_seconds: 30 }]);
    expect(await incoming()).toEqual([]);
  });

  it('declined, the attempt is busy; left to ring past calls.ringTimeoutSeconds, it is no answer and can no longer be answered', async () => {
    const first = await ringing();
    expect((await first.r.app.inject({ method: 'POST', url: `/api/dev/phone/incoming/${first.call.id}/hangup` })).statusCode).toBe(204);
    expect(await first.attempts()).toEqual([{ attempt_no: 1, phone_kind: 'landline', result: 'busy', duration_seconds: 0 }]);

    const second = await ringing();
    second.r.services.clock.advance(second.r.services.config.calls.ringTimeoutSeconds * 1000);
    expect((await second.r.app.inject({ method: 'POST', url: `/api/dev/phone/incoming/${second.call.id}/answer` })).statusCode).toBe(409);
    expect(await second.attempts()).toEqual([{ attempt_no: 1, phone_kind: 'landline', result: 'no_answer', duration_seconds: 0 }]);
  });

  it('a call nobody reports on for hours (the phone closed mid-call) ends without an attempt, and the case can be called again', async () => {
    const { r, agent, caseId, call, attempts } = await ringing();
    expect((await r.app.inject({ method: 'POST', url: `/api/dev/phone/incoming/${call.id}/answer` })).statusCode).toBe(204);
    expect((await agent.request('POST', `/api/cases/${caseId}/calls`, {})).json()).toMatchObject({ reason: 'call_in_progress' });
    r.services.clock.advance(4 * 3600_000);
    // The agent's session has timed out meanwhile: signed in again.
    const again = await new Agent(r).request('POST', `/api/cases/${caseId}/calls`, {});
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ call: { attemptNo: 1, status: 'ringing' } });
    expect(await attempts()).toEqual([]);
    const lost = await r.services.db.withTables<BackofficeTables>().selectFrom('contact_calls').select('result').where('id', '=', call.id).executeTakeFirstOrThrow();
    expect(lost.result).toBe('no_report');
  });
});
