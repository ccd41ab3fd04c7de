import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEMO_PENDING_OPERATION, DEMO_SIGNED_TRANSFER } from '../../demo/demo-data.ts';
import { customerId, MARIA, TestBrowser, type Bank } from '../../banking/test-support.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { freshCustomer, insertOperation, KEY_ONLY, openBackoffice, postAlert, SOURCE, staffClient, tables } from '../cases/test-support.ts';

const MINUTE = 60_000;

describeEachDatabase('back office: POST /api/alerts', (backend) => {
  let bank: Bank;
  beforeEach(async () => {
    bank = await openBackoffice(backend);
  });
  afterEach(() => bank.close());
  const now = () => Math.floor(bank.services.clock.now().getTime() / 1000);
  const alertsOf = (id: string) => tables(bank).selectFrom('alerts').selectAll().where('customer_id', '=', id).orderBy('received_at').execute();
  const casesOf = (id: string) => tables(bank).selectFrom('cases').selectAll().where('customer_id', '=', id).orderBy('number').execute();

  it('authenticates each source by key or by HMAC signature, and answers every failure alike', async () => {
    const c = await freshCustomer(bank);
    let n = 0;
    const body = () => ({ sourceAlertId: `A-${++n}`, customer: { externalId: c.external_id }, situation: 'login_new_location' });
    const refused = { status: 401, body: { error: 'unauthorized', reason: 'alert_unauthorized' } };

    expect(await postAlert(bank.app, body(), { key: 'wrong-key-wrong-key-wrong-key' })).toMatchObject(refused);
    expect(await postAlert(bank.app, body(), { source: 'nobody' })).toMatchObject(refused);
    expect(await postAlert(bank.app, body(), { source: 'builtin' })).toMatchObject(refused);
    expect(await postAlert(bank.app, body(), { source: KEY_ONLY.id, key: SOURCE.key })).toMatchObject(refused);
    const noHeaders = await bank.app.inject({ method: 'POST', url: '/api/alerts', payload: body() });
    expect(noHeaders.statusCode).toBe(401);
    // A signature: stale, from the future, over a changed body, or for a source without a secret.
    expect(await postAlert(bank.app, body(), { signed: { secret: SOURCE.hmacSecret, timestamp: now() - 301 } })).toMatchObject(refused);
    expect(await postAlert(bank.app, body(), { signed: { secret: SOURCE.hmacSecret, timestamp: now() + 301 } })).toMatchObject(refused);
    expect(await postAlert(bank.app, body(), { signed: { secret: SOURCE.hmacSecret, timestamp: now(), tamper: true } })).toMatchObject(refused);
    expect(await postAlert(bank.app, body(), { signed: { secret: 'another-secret-another-secret-another', timestamp: now() } })).toMatchObject(refused);
    expect(await postAlert(bank.app, body(), { source: KEY_ONLY.id, signed: { secret: SOURCE.hmacSecret, timestamp: now() } })).toMatchObject(refused);
    expect(await alertsOf(c.id)).toEqual([]);

    expect(await postAlert(bank.app, body())).toMatchObject({ status: 201 });
    expect(await postAlert(bank.app, body(), { source: KEY_ONLY.id, key: KEY_ONLY.key })).toMatchObject({ status: 201 });
    expect(await postAlert(bank.app, body(), { signed: { secret: SOURCE.hmacSecret, timestamp: now() - 299 } })).toMatchObject({ status: 201 });
    const sources = (await alertsOf(c.id)).map((a) => a.source);
    expect(sources.sort()).toEqual(['fraud-engine', 'fraud-engine', 'key-only']);
    // A bad body from an authenticated source is a 400 with what was wrong, never a 500.
    expect(await postAlert(bank.app, { sourceAlertId: 'x', customer: { externalId: c.external_id }, situation: 'Bad Key!' })).toMatchObject({ status: 400, body: { error: 'validation' } });
  });

  it('is idempotent on the source alert id: the repeat answers 200 with the same ids; other data under the id is a 409', async () => {
    const c = await freshCustomer(bank);
    const post = { sourceAlertId: 'FE-77', customer: { externalId: c.external_id }, situation: 'login_new_location', details: { ip: '203.0.113.9' } };
    const first = await postAlert(bank.app, post);
    expect(first).toMatchObject({ status: 201, body: { joined: false, repeated: false } });
    const again = await postAlert(bank.app, post);
    expect(again).toMatchObject({ status: 200, body: { alertId: first.body.alertId, caseId: first.body.caseId, caseNumber: first.body.caseNumber, repeated: true } });
    expect(await postAlert(bank.app, { ...post, situation: 'other_thing' })).toMatchObject({ status: 409, body: { reason: 'alert_id_reused' } });
    const other = await freshCustomer(bank);
    expect(await postAlert(bank.app, { ...post, customer: { externalId: other.external_id } })).toMatchObject({ status: 409, body: { reason: 'alert_id_reused' } });
    // Another source may use the same id for its own alert.
    expect(await postAlert(bank.app, post, { source: KEY_ONLY.id, key: KEY_ONLY.key })).toMatchObject({ status: 201, body: { caseId: first.body.caseId, joined: true } });
    expect(await alertsOf(c.id)).toHaveLength(2);
    expect(await alertsOf(other.id)).toEqual([]);
    const audit = await bank.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'alert.received').where('customer_id', '=', c.id).execute();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(SOURCE.key);
  });

  it('makes one alert and one case of concurrent duplicate posts, and one case of concurrent alerts of one situation', async () => {
    const c = await freshCustomer(bank);
    const post = { sourceAlertId: 'FE-RACE', customer: { externalId: c.external_id }, situation: 'login_new_location' };
    const replies = await Promise.all(Array.from({ length: 8 }, () => postAlert(bank.app, post)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.caseId)).size).toBe(1);
    expect(new Set(replies.map((r) => r.body.alertId)).size).toBe(1);
    expect(await alertsOf(c.id)).toHaveLength(1);
    expect(await casesOf(c.id)).toHaveLength(1);

    const d = await freshCustomer(bank);
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => postAlert(bank.app, { sourceAlertId: `FE-BURST-${i}`, customer: { externalId: d.external_id }, situation: 'password_guessing' })));
    expect(burst.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(burst.filter((r) => r.body.joined === false)).toHaveLength(1);
    expect(await casesOf(d.id)).toHaveLength(1);
    expect(await alertsOf(d.id)).toHaveLength(6);
  });

  it('dedupes per seed 002: same situation within the window joins; the window edge, another operation, another situation or a closed case open a new one', async () => {
    const c = await freshCustomer(bank);
    const clock = bank.services.clock;
    let n = 0;
    const alert = (extra: Record<string, unknown> = {}) => postAlert(bank.app, { sourceAlertId: `D-${++n}`, customer: { externalId: c.external_id }, situation: 'login_new_location', ...extra });
    const window = bank.services.config.backoffice.dedupeWindowMinutes;
    expect(window).toBe(30);

    const first = await alert();
    clock.advance(window * MINUTE - 1); // just inside the window of the newest alert
    expect(await alert()).toMatchObject({ status: 201, body: { caseId: first.body.caseId, joined: true } });
    clock.advance(window * MINUTE - 1); // the window slides with each alert of the burst
    expect(await alert()).toMatchObject({ body: { caseId: first.body.caseId, joined: true } });
    clock.advance(window * MINUTE); // exactly the window after the newest: a new case
    const late = await alert();
    expect(late).toMatchObject({ status: 201, body: { joined: false } });
    expect(late.body.caseId).not.toBe(first.body.caseId);

    // Another situation, or another customer, is its own case.
    expect((await alert({ situation: 'device_linked' })).body.joined).toBe(false);
    const other = await freshCustomer(bank);
    expect((await postAlert(bank.app, { sourceAlertId: 'D-other', customer: { externalId: other.external_id }, situation: 'login_new_location' })).body.joined).toBe(false);

    // Operations: each operation its own case, each to be confirmed; the same operation joins.
    const op1 = await insertOperation(bank, c.id, '71000001');
    await insertOperation(bank, c.id, '71000002');
    const a1 = await alert({ situation: 'transfer_unusual', operationReference: '71000001' });
    const a2 = await alert({ situation: 'transfer_unusual', operationReference: '71000002' });
    const a3 = await alert({ situation: 'transfer_unusual', operationReference: '71000001' });
    const a4 = await alert({ situation: 'transfer_unusual' });
    expect([a1.body.joined, a2.body.joined, a3.body.joined, a4.body.joined]).toEqual([false, false, true, false]);
    expect(a3.body.caseId).toBe(a1.body.caseId);
    expect(new Set([a1.body.caseId, a2.body.caseId, a4.body.caseId]).size).toBe(3);
    expect((await tables(bank).selectFrom('cases').select('operation_id').where('id', '=', a1.body.caseId as string).executeTakeFirstOrThrow()).operation_id).toBe(op1);

    // A closed case takes no more alerts.
    const agent = staffClient(bank);
    expect((await agent.post(`/api/cases/${late.body.caseId}/close`, { closingComment: 'Cliente confirma el acceso.', category: 'fraud/operation_alert/confirmed' })).status).toBe(200);
    const after = await alert();
    expect(after.body.joined).toBe(false);
    expect(after.body.caseId).not.toBe(late.body.caseId);
  });

  it('opens the case of a new alert after a closed one linked to it: "earlier case" in the detail', async () => {
    const c = await freshCustomer(bank);
    let n = 0;
    const alert = (situation = 'login_new_location') => postAlert(bank.app, { sourceAlertId: `E-${++n}`, customer: { externalId: c.external_id }, situation });
    const agent = staffClient(bank);
    const detail = async (id: unknown) => (await agent.get(`/api/cases/${id as string}`)).body as { earlierCase: { id: string; number: number; status: string } | null; timeline: { type: string; data: Record<string, unknown> }[] };

    const first = await alert();
    expect((await detail(first.body.caseId)).earlierCase).toBeNull();
    // While the first case is open, a repeat joins it: nothing to link.
    expect((await alert()).body).toMatchObject({ caseId: first.body.caseId, joined: true });
    await agent.post(`/api/cases/${first.body.caseId as string}/close`, { closingComment: 'Cliente confirma el acceso.', category: 'fraud/operation_alert/confirmed' });

    const second = await alert();
    expect(second.body).toMatchObject({ joined: false });
    const seen = await detail(second.body.caseId);
    expect(seen.earlierCase).toEqual({ id: first.body.caseId, number: first.body.caseNumber, kind: 'alert', status: 'closed' });
    expect(seen.timeline[0]).toMatchObject({ type: 'created', data: { previousCaseId: first.body.caseId } });
    // Another situation of the same customer starts afresh; a third alert links the latest closed case.
    expect((await detail((await alert('device_linked')).body.caseId)).earlierCase).toBeNull();
    await agent.post(`/api/cases/${second.body.caseId as string}/close`, { closingComment: 'Otra vez confirma.', category: 'fraud/operation_alert/confirmed' });
    expect((await detail((await alert()).body.caseId)).earlierCase).toMatchObject({ id: second.body.caseId });
  });

  it('names the customer by externalId or document and the operation by reference; unknown ones are a 400', async () => {
    const maria = await customerId(bank.services, MARIA.externalId);
    const byDoc = await postAlert(bank.app, { sourceAlertId: 'DOC-1', customer: { documentType: 'DNI', document: '45123987-b' }, operationReference: DEMO_SIGNED_TRANSFER.reference, situation: 'signed_then_disputed' });
    expect(byDoc).toMatchObject({ status: 201 });
    const row = await tables(bank).selectFrom('alerts').selectAll().where('id', '=', byDoc.body.alertId as string).executeTakeFirstOrThrow();
    expect(row.customer_id).toBe(maria);
    expect(await postAlert(bank.app, { sourceAlertId: 'U-1', customer: { externalId: 'NOBODY' }, situation: 's' })).toMatchObject({ status: 400, body: { reason: 'unknown_customer' } });
    expect(await postAlert(bank.app, { sourceAlertId: 'U-2', customer: { documentType: 'DNI', document: '45123987C' }, situation: 's' })).toMatchObject({ status: 400, body: { reason: 'unknown_customer' } });
    expect(await postAlert(bank.app, { sourceAlertId: 'U-3', customer: { externalId: MARIA.externalId }, operationReference: '99999999', situation: 's' })).toMatchObject({ status: 400, body: { reason: 'unknown_operation' } });
    // Carmen's held operation is not María's.
    expect(await postAlert(bank.app, { sourceAlertId: 'U-4', customer: { externalId: MARIA.externalId }, operationReference: '40718235', situation: 's' })).toMatchObject({ status: 400, body: { reason: 'unknown_operation' } });
    expect(await postAlert(bank.app, { sourceAlertId: 'U-5', customer: { externalId: MARIA.externalId }, situation: 's', details: { blob: 'x'.repeat(9000) } })).toMatchObject({ status: 400, body: { reason: 'details_too_large' } });
    expect(await postAlert(bank.app, { sourceAlertId: 'U-6', customer: { externalId: MARIA.externalId, document: 'x' }, situation: 's' })).toMatchObject({ status: 400 });
  });

  it('raises a built-in alert in the transaction that holds a transfer, and none for a transfer that waits for its code', async () => {
    const maria = await customerId(bank.services, MARIA.externalId);
    const b = new TestBrowser(bank.app);
    expect((await b.login(MARIA.userCode, MARIA.password)).status).toBe(200);
    const before = (await alertsOf(maria)).length;
    const usual = await b.post('/api/banking/transfers', { iban: DEMO_PENDING_OPERATION.iban, beneficiary: 'Inmobiliaria Almeriense SL', amount: '650.00' });
    expect(usual).toMatchObject({ status: 201, body: { operation: { status: 'pending_signature' } } });
    expect(await alertsOf(maria)).toHaveLength(before);

    const held = await b.post('/api/banking/transfers', { iban: 'ES9121000418450200051332', beneficiary: 'Desconocido SL', amount: '1500.00' });
    expect(held).toMatchObject({ status: 201, body: { operation: { status: 'held' } } });
    const op = held.body.operation as { id: string; reference: string };
    const alerts = await tables(bank).selectFrom('alerts').selectAll().where('operation_id', '=', op.id).execute();
    expect(alerts).toMatchObject([{ source: 'builtin', source_alert_id: op.id, situation: 'held_transfer', details: { reference: op.reference, rules: ['new_beneficiary'], amountCents: 150_000 } }]);
    const detail = await staffClient(bank).get(`/api/cases/${alerts[0]!.case_id}`);
    expect(detail).toMatchObject({ status: 200, body: { case: { kind: 'alert', status: 'new', queue: 'contact_centre', situation: 'held_transfer', operation: { reference: op.reference, status: 'held', amount: '1500.00' } } } });
    const timeline = (detail.body.timeline as { type: string; actor: string }[]).map((e) => [e.type, e.actor]);
    expect(timeline).toEqual([['created', 'system'], ['alert_received', 'system']]);
    // The same operation and its alert are one transaction: both audited, in order.
    const actions = (await bank.services.db.selectFrom('audit_log').select('action').where('customer_id', '=', maria).orderBy('id', 'desc').limit(4).execute()).map((r) => r.action).reverse();
    expect(actions).toEqual(['operation.held', 'banking.operation_held', 'case.created', 'alert.received']);
  });
});
