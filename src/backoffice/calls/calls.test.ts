import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { loadDemoData } from '../../demo/load.ts';
import { provisioningDeps } from '../../provisioning/deps.ts';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../../test/helpers/db.ts';
import { startTwilioStandIn, twilioSignature, type TwilioStandIn } from '../../../test/helpers/twilio.ts';
import { Agent, newAlertCase, newScenario, playbookApp, type PlaybookTestApp, type Scenario } from '../playbook/test-support.ts';
import type { BackofficeTables } from '../schema.ts';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'test-calls-auth-token-0123456789';
const BASE = 'https://cerrojo.test';
const CALLER_ID = '+34950000000';
const AGENT_PHONE = '+34600000001';

/**
 * "Llamar" from the console against a local stand-in for Twilio's REST API (the real SDK points
 * at it), with the provider's callbacks signed as Twilio signs them (issue 15 §2).
 */
describeEachDatabase('console calls through Twilio', (backend) => {
  let database: TestDatabase;
  let r: PlaybookTestApp;
  let agent: Agent;
  let twilio: TwilioStandIn;
  let refuse = false;

  beforeAll(async () => {
    let placed = 0;
    twilio = await startTwilioStandIn((req) => {
      if (req.method !== 'POST' || req.path !== `/2010-04-01/Accounts/${SID}/Calls.json`) return { status: 404, body: { code: 20404, message: 'not found', status: 404 } };
      if (refuse) return { status: 400, body: { code: 21215, message: 'Geo permission not enabled', status: 400 } };
      placed += 1;
      return { status: 201, body: { sid: `CA${String(placed).padStart(32, '0')}`, account_sid: SID, to: req.form.To, from: req.form.From, status: 'queued' } };
    });
    database = await freshDatabase(backend);
    r = await playbookApp(
      testServices(database, {
        publicBaseUrl: BASE,
        'calls.provider': 'twilio',
        'calls.callerId': CALLER_ID,
        'calls.agentPhones': { 'ana.agent': AGENT_PHONE },
        'notify.twilioAccountSid': SID,
        'notify.twilioAuthToken': TOKEN,
        'notify.twilioApiBaseUrl': twilio.url,
      }),
    );
    await loadDemoData(r.services.db, provisioningDeps(r.services, 'system'));
    agent = new Agent(r);
  });
  afterAll(async () => {
    await r?.close();
    await database?.drop();
    await twilio?.close();
  });
  beforeEach(() => {
    twilio.requests.splice(0);
    refuse = false;
  });

  const bo = () => r.services.db.withTables<BackofficeTables>();
  const attempts = (caseId: string) => bo().selectFrom('contact_attempts').select(['attempt_no', 'phone_kind', 'result', 'answered_by', 'duration_seconds', 'call_id']).where('case_id', '=', caseId).orderBy('attempt_no').execute();
  const call = (caseId: string, phoneKind?: string) => agent.request('POST', `/api/cases/${caseId}/calls`, phoneKind ? { phoneKind } : {});
  /** A callback from Twilio to `path`, signed with `token` for `signedUrl` (the URL it was sent to, by default). */
  const callback = (path: string, form: Record<string, string>, token = TOKEN, signedUrl = `${BASE}${path}`) =>
    r.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(token, signedUrl, form) },
      payload: new URLSearchParams(form).toString(),
    });
  const newCase = async (kind: 'branch' | 'virtual' = 'branch'): Promise<{ s: Scenario; caseId: string }> => {
    const s = await newScenario(r.services, kind);
    return { s, caseId: (await newAlertCase(r.services, s.customer.id)).id };
  };

  /** Places a call and plays Twilio's side up to the customer's leg ending with `status`. */
  async function callThrough(caseId: string, status: string, duration?: number, phoneKind?: string) {
    const placed = await call(caseId, phoneKind);
    expect(placed.statusCode, placed.body).toBe(201);
    const { call: c } = placed.json<{ call: { id: string } }>();
    const callSid = (await bo().selectFrom('contact_calls').select('provider_sid').where('id', '=', c.id).executeTakeFirstOrThrow()).provider_sid!;
    const bridge = await callback(`/calls/twilio/${c.id}/bridge`, { CallSid: callSid, CallStatus: 'in-progress' });
    expect(bridge.statusCode).toBe(200);
    const ended = await callback(`/calls/twilio/${c.id}/customer-status`, { CallSid: 'CAchild', ParentCallSid: callSid, CallStatus: status, ...(duration === undefined ? {} : { CallDuration: String(duration) }) });
    expect(ended.statusCode).toBe(204);
    return { id: c.id, sid: callSid };
  }

  it('rings the agent’s phone through the REST API, bridges to the landline, and the callback records the attempt with its duration', async () => {
    const { s, caseId } = await newCase();
    const placed = await call(caseId);
    expect(placed.statusCode, placed.body).toBe(201);
    const { call: c } = placed.json<{ call: { id: string; status: string; attemptNo: number; phoneKind: string } }>();
    expect(c).toMatchObject({ status: 'calling_agent', attemptNo: 1, phoneKind: 'landline' });
    // The SDK asked Twilio to call the agent, with the bridge and status callbacks on our public URL.
    expect(twilio.requests).toHaveLength(1);
    const rest = twilio.requests[0]!;
    expect(rest.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    expect(rest.form).toMatchObject({ To: AGENT_PHONE, From: CALLER_ID, Url: `${BASE}/calls/twilio/${c.id}/bridge`, StatusCallback: `${BASE}/calls/twilio/${c.id}/agent-status` });
    const callSid = `CA${'1'.padStart(32, '0')}`;

    // The agent picks up: the bridge TwiML dials the customer's landline with our caller id.
    const bridge = await callback(`/calls/twilio/${c.id}/bridge`, { CallSid: callSid, CallStatus: 'in-progress' });
    expect(bridge.statusCode).toBe(200);
    expect(bridge.headers['content-type']).toMatch(/text\/xml/);
    expect(bridge.body).toContain(`<Dial callerId="${CALLER_ID}"`);
    expect(bridge.body).toContain(`>${s.customer.landline}</Number>`);
    expect(bridge.body).toContain(`statusCallback="${BASE}/calls/twilio/${c.id}/customer-status"`);
    // The provider retrying the request gets the same Dial.
    expect((await callback(`/calls/twilio/${c.id}/bridge`, { CallSid: callSid, CallStatus: 'in-progress' })).body).toBe(bridge.body);

    const answered = await callback(`/calls/twilio/${c.id}/customer-status`, { CallSid: 'CAchild1', ParentCallSid: callSid, CallStatus: 'in-progress' });
    expect(answered.statusCode).toBe(204);
    let panel = (await agent.request('GET', `/api/cases/${caseId}/contact`)).json<{ call: { status: string } | null; attempts: unknown[] }>();
    expect(panel.call?.status).toBe('in_progress');
    expect(panel.attempts).toEqual([]);

    const ended = await callback(`/calls/twilio/${c.id}/customer-status`, { CallSid: 'CAchild1', ParentCallSid: callSid, CallStatus: 'completed', CallDuration: '42' });
    expect(ended.statusCode).toBe(204);
    // Twilio retries callbacks: the same one again changes nothing.
    expect((await callback(`/calls/twilio/${c.id}/customer-status`, { CallSid: 'CAchild1', ParentCallSid: callSid, CallStatus: 'completed', CallDuration: '42' })).statusCode).toBe(204);
    expect(await attempts(caseId)).toEqual([{ attempt_no: 1, phone_kind: 'landline', result: 'picked_up', answered_by: null, duration_seconds: 42, call_id: c.id }]);
    panel = (await agent.request('GET', `/api/cases/${caseId}/contact`)).json();
    expect(panel.call).toBeNull();
    // Once the call is over, its bridge only hangs up.
    expect((await callback(`/calls/twilio/${c.id}/bridge`, { CallSid: callSid })).body).toContain('<Hangup/>');

    // What a machine cannot know: the agent says the holder answered.
    const confirmed = await agent.request('POST', `/api/cases/${caseId}/contact-attempts/1/confirm`, { result: 'answered' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((await attempts(caseId))[0]).toMatchObject({ result: 'answered', answered_by: s.customer.id, duration_seconds: 42 });
    expect((await agent.request('POST', `/api/cases/${caseId}/contact-attempts/1/confirm`, { result: 'not_holder' })).json()).toMatchObject({ reason: 'nothing_to_confirm' });
    // The answered call opens the security questions, as a typed one does.
    expect((await agent.startCheck(caseId)).statusCode).toBe(201);
  });

  it('records no answer, busy and failed from the callbacks, and refuses the mobile first and a fourth call before calling anyone', async () => {
    const { caseId } = await newCase();
    const first = await call(caseId, 'mobile');
    expect(first.statusCode).toBe(400);
    expect(first.json()).toMatchObject({ reason: 'phone_not_allowed', details: { allowed: ['landline'] } });
    expect(twilio.requests).toHaveLength(0);

    await callThrough(caseId, 'no-answer');
    await callThrough(caseId, 'busy', undefined, 'mobile');
    await callThrough(caseId, 'failed');
    expect((await attempts(caseId)).map((a) => [a.attempt_no, a.phone_kind, a.result, a.duration_seconds])).toEqual([
      [1, 'landline', 'no_answer', 0],
      [2, 'mobile', 'busy', 0],
      [3, 'landline', 'failed', 0],
    ]);
    const requested = twilio.requests.length;
    const fourth = await call(caseId);
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json()).toMatchObject({ reason: 'attempt_limit' });
    expect(twilio.requests).toHaveLength(requested);
    const panel = (await agent.request('GET', `/api/cases/${caseId}/contact`)).json<{ proposal: string | null; next: unknown }>();
    expect(panel).toMatchObject({ proposal: 'no_answer', next: null });
  });

  it('allows one live call per case: a second call, or an attempt typed meanwhile, is refused', async () => {
    const { caseId } = await newCase('virtual');
    const first = await call(caseId);
    expect(first.statusCode, first.body).toBe(201);
    const again = await call(caseId);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ reason: 'call_in_progress' });
    expect((await agent.attempt(caseId, 'no_answer')).json()).toMatchObject({ reason: 'call_in_progress' });
    expect(twilio.requests).toHaveLength(1);
  });

  it('refuses unsigned and wrongly signed callbacks, and records nothing from them', async () => {
    const { caseId } = await newCase();
    const { call: c } = (await call(caseId)).json<{ call: { id: string } }>();
    const callSid = (await bo().selectFrom('contact_calls').select('provider_sid').where('id', '=', c.id).executeTakeFirstOrThrow()).provider_sid!;
    const path = `/calls/twilio/${c.id}/customer-status`;
    const form = { CallSid: 'CAchild', ParentCallSid: callSid, CallStatus: 'completed', CallDuration: '30' };
    const unsigned = await r.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
    expect(unsigned.statusCode).toBe(403);
    expect((await callback(path, form, 'another-accounts-token')).statusCode).toBe(403);
    expect((await callback(path, form, TOKEN, `${BASE}/calls/twilio/${c.id}/agent-status`)).statusCode).toBe(403);
    // A signed form changed on the way (a longer call) no longer matches its signature.
    const tampered = await r.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TOKEN, `${BASE}${path}`, form) },
      payload: new URLSearchParams({ ...form, CallDuration: '3000' }).toString(),
    });
    expect(tampered.statusCode).toBe(403);
    expect((await callback(`/calls/twilio/${c.id}/bridge`, { CallSid: callSid }, 'another-accounts-token')).statusCode).toBe(403);
    expect(await attempts(caseId)).toEqual([]);
    // A signed callback about another call's sid is not this call's.
    expect((await callback(path, { ...form, ParentCallSid: 'CAsomeoneelse' })).statusCode).toBe(204);
    expect(await attempts(caseId)).toEqual([]);
  });

  it('a call whose agent never picks up ends without an attempt; a call Twilio refuses is a 503 and costs no attempt', async () => {
    const { caseId } = await newCase();
    const { call: c } = (await call(caseId)).json<{ call: { id: string } }>();
    const callSid = (await bo().selectFrom('contact_calls').select('provider_sid').where('id', '=', c.id).executeTakeFirstOrThrow()).provider_sid!;
    expect((await callback(`/calls/twilio/${c.id}/agent-status`, { CallSid: callSid, CallStatus: 'no-answer' })).statusCode).toBe(204);
    expect(await attempts(caseId)).toEqual([]);
    expect(await bo().selectFrom('contact_calls').select(['status', 'result']).where('id', '=', c.id).executeTakeFirstOrThrow()).toEqual({ status: 'ended', result: 'agent_unreachable' });

    refuse = true;
    const refused = await call(caseId);
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ reason: 'provider_unavailable' });
    expect(await attempts(caseId)).toEqual([]);
    refuse = false;
    const panel = (await agent.request('GET', `/api/cases/${caseId}/contact`)).json<{ call: unknown; next: { attemptNo: number } }>();
    expect(panel).toMatchObject({ call: null, next: { attemptNo: 1 } });
  });

  it('an agent without a phone in calls.agentPhones is told so, and nobody is called', async () => {
    const { caseId } = await newCase();
    const other = new Agent(r, 'bea.agent');
    const res = await other.request('POST', `/api/cases/${caseId}/calls`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ reason: 'no_agent_phone' });
    expect(twilio.requests).toHaveLength(0);
    const panel = (await other.request('GET', `/api/cases/${caseId}/contact`)).json<{ calling: unknown }>();
    expect(panel.calling).toEqual({ provider: 'twilio', canCall: false });
  });
});
