import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestBrowser } from '../../banking/test-support.ts';
import { setPassword } from '../../customers/credentials-store.ts';
import { hashPassword } from '../../customers/passwords.ts';
import { ivrApp, seedCaller, type IvrTestApp } from '../../ivr/test-fixtures.ts';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { Agent } from '../playbook/test-support.ts';

/**
 * The IVR's handovers in the back office (issue 13, section 4): calls transferred over signed
 * webhooks show their context to the contact centre, who takes them (recorded) and closes them;
 * nobody else reads them.
 */
describeEachDatabase('handovers: the context of a transfer, for the contact centre', (backend) => {
  let database: TestDatabase;
  let ivr: IvrTestApp;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    ivr = await ivrApp(database, { 'limits.smsPerCustomerPerHour': 100 });
  });
  afterAll(async () => {
    await ivr.close();
    await database.drop();
  });

  const ana = () => new Agent(ivr, 'ana.agent', 'agent');
  const luis = () => new Agent(ivr, 'luis.agent', 'agent');
  const sergio = () => new Agent(ivr, 'sergio', 'supervisor');
  const audit = (action: string, subject: string) => ivr.services.db.selectFrom('audit_log').select(['actor', 'customer_id', 'details']).where('action', '=', action).where('subject', '=', subject).execute();

  /** A customer identified by the phone-banking branch, which cannot do the work: handed over with their name. */
  async function identifiedTransfer() {
    const c = await seedCaller(ivr.services);
    await ivr.services.db.deleteFrom('phone_banking_users').where('customer_id', '=', c.customer.id).execute();
    const phone = ivr.phone('+34950979969', c.mobile);
    await phone.dial();
    await phone.walk(['1', c.dniKeys, c.last4, c.pin]);
    expect(phone.last!.dial).toBeDefined();
    return { c, phone };
  }
  /** A CIF or passport holder on the signature line: handed over, nobody identified. */
  async function cifTransfer(from: string) {
    const phone = ivr.phone('+34950979971', from);
    await phone.dial();
    await phone.press('3');
    return phone;
  }
  const byCall = <T extends { callSid: string }>(list: T[], sid: string): T | undefined => list.find((h) => h.callSid === sid);

  it('shows an agent the context of each transfer: who was identified, the branch, the reason, the caller masked', async () => {
    const { c, phone } = await identifiedTransfer();
    ivr.services.clock.advance(20_000);
    const cif = await cifTransfer('+34611222333');
    const res = await ana().request('GET', '/api/handovers?status=waiting');
    expect(res.statusCode).toBe(200);
    const list = res.json().handovers as { callSid: string; id: string }[];
    expect(list[0]!.callSid).toBe(cif.callSid); // newest first: the one ringing now
    expect(byCall(list, phone.callSid)).toMatchObject({
      status: 'waiting',
      reason: 'unavailable',
      branch: '1.2',
      line: 'phoneBanking',
      locale: 'es',
      identified: true,
      customer: { id: c.customer.id, name: c.customer.name, externalId: c.customer.external_id, officeCode: c.customer.office_code },
      caller: `+34 - 6*****${c.mobile.slice(-3)}`,
      agentNumber: '+34950210199',
      dialStatus: null,
      answeredByPhone: false,
      takenBy: null,
    });
    expect(byCall(list, cif.callSid)).toMatchObject({ reason: 'cif_passport', branch: '3.1', identified: false, customer: null, caller: '+34 - 6*****333' });
    expect(JSON.stringify(list)).not.toContain('611222333');
    expect(JSON.stringify(list)).not.toContain(c.pin);

    const one = await ana().request('GET', `/api/handovers/${byCall(list, phone.callSid)!.id}`);
    expect(one.json()).toEqual(byCall(list, phone.callSid));
    expect((await ana().request('GET', '/api/handovers/00000000-0000-4000-8000-000000000000')).json()).toMatchObject({ reason: 'handover_not_found' });
    expect((await ana().request('GET', '/api/handovers?status=nope')).statusCode).toBe(400);
  });

  it('refuses anyone but the contact centre: no session, a customer’s session, a branch user, the fraud team', async () => {
    const phone = await cifTransfer('+34611222444');
    const id = (await ana().request('GET', '/api/handovers')).json().handovers.find((h: { callSid: string }) => h.callSid === phone.callSid).id as string;
    for (const url of ['/api/handovers', `/api/handovers/${id}`]) {
      const anonymous = await ivr.app.inject({ method: 'GET', url });
      expect(anonymous.statusCode, url).toBe(401);
      expect(JSON.stringify(anonymous.json())).not.toContain(phone.callSid);
    }
    expect((await ivr.app.inject({ method: 'POST', url: `/api/handovers/${id}/take` })).statusCode).toBe(401);

    // A customer signed in to online banking is not staff.
    const c = await seedCaller(ivr.services);
    await setPassword(ivr.services.db, ivr.services, c.customer.id, await hashPassword('Cl4ve-De-Prueba-77'), { temporary: false, expiresAt: null, by: 'test' });
    const customer = new TestBrowser(ivr.app);
    const userCode = `H${c.customer.id.slice(0, 8).toUpperCase()}`;
    await ivr.services.db.updateTable('online_banking_users').set({ user_code: userCode }).where('customer_id', '=', c.customer.id).execute();
    const login = await customer.login(userCode, 'Cl4ve-De-Prueba-77');
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    expect((await customer.get('/api/handovers')).status).toBe(401);
    expect((await customer.post(`/api/handovers/${id}/take`)).status).toBe(401);

    for (const other of [new Agent(ivr, 'olga', 'branch', '0123'), new Agent(ivr, 'fede', 'fraud')]) {
      const res = await other.request('GET', '/api/handovers');
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ reason: 'contact_centre_only' });
      expect((await other.request('POST', `/api/handovers/${id}/take`)).json()).toMatchObject({ reason: 'contact_centre_only' });
    }
    expect((await ivr.services.db.selectFrom('ivr_handovers').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('waiting');
    expect((await sergio().request('GET', '/api/handovers')).statusCode).toBe(200);
    expect((await new Agent(ivr, 'root', 'admin').request('GET', `/api/handovers/${id}`)).statusCode).toBe(200);
  });

  it('records who takes a transfer; another agent is refused with who has it; then it is closed', async () => {
    const { c, phone } = await identifiedTransfer();
    const id = (await ana().request('GET', '/api/handovers?status=waiting')).json().handovers.find((h: { callSid: string }) => h.callSid === phone.callSid).id as string;

    expect((await ana().request('POST', `/api/handovers/${id}/close`)).json()).toMatchObject({ reason: 'handover_waiting' });
    const taken = await ana().request('POST', `/api/handovers/${id}/take`);
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'taken', takenBy: 'staff:ana.agent', customer: { id: c.customer.id } });
    expect(taken.json().takenAt).toEqual(expect.any(String));
    expect(await audit('handover.taken', `handover:${id}`)).toEqual([{ actor: 'staff:ana.agent', customer_id: c.customer.id, details: { callSid: phone.callSid, from: 'waiting', to: 'taken' } }]);
    // Taking it again is harmless; another agent is told who has it.
    expect((await ana().request('POST', `/api/handovers/${id}/take`)).json()).toMatchObject({ takenBy: 'staff:ana.agent' });
    const refused = await luis().request('POST', `/api/handovers/${id}/take`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ reason: 'handover_taken', details: { takenBy: 'staff:ana.agent' } });
    expect(await audit('handover.taken', `handover:${id}`)).toHaveLength(1);

    // The customer's history names the call passed to an agent: a link for the contact centre, not for the branch.
    const item = (who: Agent) => who.request('GET', `/api/customers/${c.customer.id}/history`).then((r) => (r.json().items as { kind: string; data: Record<string, unknown> }[]).find((i) => i.kind === 'handover'));
    expect(await item(ana())).toMatchObject({ data: { handoverId: id, reason: 'unavailable', status: 'taken', takenBy: 'staff:ana.agent', visible: true } });
    expect(await item(new Agent(ivr, 'olga', 'branch', c.customer.office_code))).toMatchObject({ data: { handoverId: id, visible: false } });

    // The phone is answered: the record stays Ana's, and says it was answered.
    await phone.dialEnds('completed', 240);
    expect((await luis().request('GET', `/api/handovers/${id}`)).json()).toMatchObject({ status: 'taken', takenBy: 'staff:ana.agent', dialStatus: 'completed', answeredByPhone: true });

    expect((await luis().request('POST', `/api/handovers/${id}/close`)).json()).toMatchObject({ reason: 'handover_taken' });
    const closed = await ana().request('POST', `/api/handovers/${id}/close`);
    expect(closed.json()).toMatchObject({ status: 'closed', closedBy: 'staff:ana.agent' });
    expect((await luis().request('POST', `/api/handovers/${id}/take`)).json()).toMatchObject({ reason: 'handover_closed' });
    expect((await ana().request('GET', '/api/handovers?status=active')).json().handovers.map((h: { id: string }) => h.id)).not.toContain(id);
    expect((await ana().request('GET', '/api/handovers?status=closed')).json().handovers.map((h: { id: string }) => h.id)).toContain(id);
  });

  it('lets an agent take an unanswered transfer to call back, or one answered by phone, and a supervisor close another’s', async () => {
    const unanswered = await cifTransfer('+34611222555');
    await unanswered.dialEnds('no-answer');
    const list = (await luis().request('GET', '/api/handovers?status=unanswered')).json().handovers as { id: string; callSid: string }[];
    const u = byCall(list, unanswered.callSid)!;
    expect((await luis().request('POST', `/api/handovers/${u.id}/take`)).json()).toMatchObject({ status: 'taken', takenBy: 'staff:luis.agent', dialStatus: 'no-answer', answeredByPhone: false });
    expect((await sergio().request('POST', `/api/handovers/${u.id}/close`)).json()).toMatchObject({ status: 'closed', closedBy: 'staff:sergio' });

    const answered = await cifTransfer('+34611222666');
    await answered.dialEnds('completed');
    const a = byCall((await luis().request('GET', '/api/handovers?status=taken')).json().handovers as { id: string; callSid: string; takenBy: string | null }[], answered.callSid)!;
    expect(a).toMatchObject({ takenBy: null, answeredByPhone: true });
    expect((await ana().request('POST', `/api/handovers/${a.id}/take`)).json()).toMatchObject({ status: 'taken', takenBy: 'staff:ana.agent' });
  });

  it('documents the routes with their schemas', async () => {
    const doc = (await ivr.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.paths['/api/handovers'].get.tags).toEqual(['backoffice']);
    expect(Object.keys(doc.paths['/api/handovers/{id}/take'].post.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '404', '409']));
    expect(doc.paths['/ivr/twilio/dial'].post.tags).toEqual(['ivr']);
  });
});
