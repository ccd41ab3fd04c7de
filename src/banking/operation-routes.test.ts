import { afterEach, beforeEach, expect, it } from 'vitest';
import { issueCode } from '../customers/codes-store.ts';
import { setPassword } from '../customers/credentials-store.ts';
import { hashPassword } from '../customers/passwords.ts';
import { DEMO_HELD_OPERATION, DEMO_PENDING_OPERATION } from '../demo/demo-data.ts';
import { describeEachDatabase } from '../../test/helpers/db.ts';
import { ANTONIO, CARMEN, codeIn, customerId, lastSms, MARIA, openBank, TestBrowser, type Bank } from './test-support.ts';

const NEW_IBAN = 'ES9121000418450200051332';

describeEachDatabase('online banking: operations', (backend) => {
  let bank: Bank;
  beforeEach(async () => {
    bank = await openBank(backend);
  });
  afterEach(() => bank.close());
  const opId = async (reference: string) => (await bank.services.db.selectFrom('operations').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
  const audit = (action: string) => bank.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
  const signIn = async (who: { userCode: string; password: string }) => {
    const b = new TestBrowser(bank.app);
    expect((await b.login(who.userCode, who.password)).status).toBe(200);
    return b;
  };

  it('changes a temporary password as a signed operation: new password works, old sessions end, SMS confirms', async () => {
    const id = await customerId(bank.services, ANTONIO.externalId);
    const other = await signIn(ANTONIO); // a session opened before the recovery
    await setPassword(bank.services.db, bank.services, id, await hashPassword('Temp-4417-xq'), { temporary: true, expiresAt: new Date(bank.services.clock.now().getTime() + 3_600_000), by: 'ivr' });
    const b = new TestBrowser(bank.app);
    expect((await b.login(ANTONIO.userCode, 'Temp-4417-xq')).body.state).toBe('must_change_password');

    const change = (body: Record<string, string>) => b.post('/api/banking/password', body);
    const good = 'Tr3s-Tigres-Tristes';
    expect(await change({ current: 'Temp-4417-xq', new: good, repeat: 'Tr3s-Tigres-Tristez' })).toMatchObject({ status: 400, body: { reason: 'mismatch' } });
    expect(await change({ current: 'Temp-4417-xq', new: 'Ab1$', repeat: 'Ab1$' })).toMatchObject({ status: 400, body: { reason: 'too_short' } });
    expect(await change({ current: 'Temp-4417-xq', new: 'x'.repeat(65), repeat: 'x'.repeat(65) })).toMatchObject({ status: 400, body: { reason: 'too_long' } });
    expect(await change({ current: 'Temp-4417-xq', new: 'Password1', repeat: 'Password1' })).toMatchObject({ status: 400, body: { reason: 'too_common' } });
    expect(await change({ current: 'Temp-4417-xq', new: 'Temp-4417-xq', repeat: 'Temp-4417-xq' })).toMatchObject({ status: 400, body: { reason: 'same_as_current' } });
    expect(await change({ current: 'wrong-current', new: good, repeat: good })).toMatchObject({ status: 400, body: { reason: 'wrong_current' } });
    expect((await bank.services.db.selectFrom('online_banking_users').select('failed_logins').where('customer_id', '=', id).executeTakeFirstOrThrow()).failed_logins).toBe(1);

    const asked = await change({ current: 'Temp-4417-xq', new: good, repeat: good });
    expect(asked).toMatchObject({ status: 201, body: { operation: { kind: 'password_change', description: 'Cambio de contraseña de Usuario de Banca Electrónica', status: 'pending_signature', mobileEnding: '118' } } });
    const op = asked.body.operation as { id: string; reference: string };
    expect(op.reference).toMatch(/^[1-9]\d{7}$/);
    const row = await bank.services.db.selectFrom('operations').select('details').where('id', '=', op.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row.details)).not.toMatch(/argon2|Tigres/);
    const sms = await lastSms(bank.services, ANTONIO.mobile);
    expect(sms).toMatch(/cambio de contraseña de Usuario de Banca Electrónica/);
    expect(sms).toContain(op.reference);

    expect(await b.post(`/api/banking/operations/${op.reference}/sign`, { code: codeIn(sms) })).toMatchObject({ status: 200, body: { operation: { status: 'signed' } } });
    expect(await lastSms(bank.services, ANTONIO.mobile)).toMatch(/se ha cambiado la contraseña/);
    expect(await b.get('/api/banking/session')).toMatchObject({ status: 200, body: { state: 'active' } });
    expect(await other.get('/api/banking/session')).toMatchObject({ status: 401 });
    expect((await new TestBrowser(bank.app).login(ANTONIO.userCode, 'Temp-4417-xq')).body.reason).toBe('invalid_credentials');
    expect((await new TestBrowser(bank.app).login(ANTONIO.userCode, good)).body.state).toBe('active');
    expect(await bank.services.db.withTables<{ banking_pending_passwords: { operation_id: string } }>().selectFrom('banking_pending_passwords').selectAll().execute()).toEqual([]);
    expect(await audit('password.set')).toHaveLength(2);
  });

  it('signs with the code IVR branch 3.2 issues, and never with a code of another operation', async () => {
    const b = await signIn(MARIA);
    const transfer = await b.post('/api/banking/transfers', { iban: DEMO_PENDING_OPERATION.iban, beneficiary: 'Inmobiliaria Almeriense SL', amount: '650.00', concept: 'Alquiler enero' });
    expect(transfer).toMatchObject({ status: 201, body: { operation: { status: 'pending_signature', amount: '650.00', currency: 'EUR', iban: DEMO_PENDING_OPERATION.iban } } });
    const sms = await lastSms(bank.services, MARIA.mobile);
    expect(sms).toMatch(/650,00\s€/);
    expect(sms).toContain('Inmobiliaria Almeriense SL');
    const transferCode = codeIn(sms);

    const pendingUrl = `/api/banking/operations/${DEMO_PENDING_OPERATION.reference}`;
    expect(await b.post(`${pendingUrl}/sign`, { code: transferCode })).toMatchObject({ status: 400, body: { reason: 'expired_code' } }); // none issued yet
    expect((await b.post(`${pendingUrl}/resend`)).status).toBe(200);
    const other = await b.post(`${pendingUrl}/sign`, { code: transferCode });
    expect(other).toMatchObject({ status: 400, body: { reason: 'invalid_code', details: { attemptsLeft: 4 } } });

    // IVR branch 3.2 reads out a signing code issued for the operation the caller names.
    const id = await opId(DEMO_PENDING_OPERATION.reference);
    const ivr = await issueCode(bank.services.db, bank.services, { purpose: 'signing', subject: `operation:${id}`, customerId: await customerId(bank.services, MARIA.externalId) });
    expect(await b.post(`/api/banking/operations/${DEMO_PENDING_OPERATION.reference}/sign`, { code: ivr.code })).toMatchObject({ status: 200, body: { operation: { status: 'signed' } } });
    expect(await b.post(`/api/banking/operations/${DEMO_PENDING_OPERATION.reference}/sign`, { code: ivr.code })).toMatchObject({ status: 409, body: { reason: 'wrong_status' } });
    const ref = (transfer.body.operation as { reference: string }).reference;
    expect(await b.post(`/api/banking/operations/${ref}/sign`, { code: transferCode })).toMatchObject({ status: 200, body: { operation: { status: 'signed' } } });
    const list = await b.get('/api/banking/operations');
    expect((list.body.operations as { reference: string }[]).map((o) => o.reference)).toContain(ref);
  });

  it('blocks the signature after 5 wrong codes', async () => {
    const b = await signIn(MARIA);
    const url = `/api/banking/operations/${DEMO_PENDING_OPERATION.reference}/sign`;
    expect((await b.post(`/api/banking/operations/${DEMO_PENDING_OPERATION.reference}/resend`)).status).toBe(200);
    expect(await b.post(`/api/banking/operations/${DEMO_PENDING_OPERATION.reference}/resend`)).toMatchObject({ status: 429, body: { reason: 'resend_too_soon' } });
    const code = codeIn(await lastSms(bank.services, MARIA.mobile));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left--) expect(await b.post(url, { code: wrong })).toMatchObject({ status: 400, body: { reason: 'invalid_code', details: { attemptsLeft: left } } });
    expect(await b.post(url, { code: wrong })).toMatchObject({ status: 403, body: { reason: 'signature_blocked' } });
    expect(await b.post(url, { code })).toMatchObject({ status: 403, body: { reason: 'signature_blocked' } });
    const blocks = await bank.services.db.selectFrom('blocks').selectAll().where('target', '=', 'signature').execute();
    expect(blocks).toMatchObject([{ origin: 'failed_attempts', lifted_at: null }]);
    expect(await b.post('/api/banking/transfers', { iban: NEW_IBAN, beneficiary: 'Electro SL', amount: '5' })).toMatchObject({ status: 403, body: { reason: 'signature_blocked' } });
  });

  it('validates the transfer: IBAN, amount and beneficiary', async () => {
    const b = await signIn(MARIA);
    const post = (body: Record<string, string>) => b.post('/api/banking/transfers', { iban: NEW_IBAN, beneficiary: 'Electro SL', amount: '10.00', ...body });
    expect(await post({ iban: 'ES9121000418450200051333' })).toMatchObject({ status: 400, body: { reason: 'invalid_iban' } });
    expect(await post({ iban: 'not an iban' })).toMatchObject({ status: 400, body: { reason: 'invalid_iban' } });
    for (const amount of ['0', '-3', '10.123', 'diez']) expect(await post({ amount }), amount).toMatchObject({ status: 400, body: { reason: 'invalid_amount' } });
    expect(await post({ beneficiary: ' ' })).toMatchObject({ status: 400, body: { reason: 'invalid_beneficiary' } });
    expect(await post({ iban: 'es91 2100 0418 4502 0005 1332', amount: '10,5' })).toMatchObject({ status: 201, body: { operation: { amount: '10.50', iban: NEW_IBAN, description: 'Transferencia a ES91 2100 0418 4502 0005 1332' } } });
  });

  it('holds a transfer to a new beneficiary, releases it with the IVR branch 2 unlock code, then signs it', async () => {
    const b = await signIn(MARIA);
    const held = await b.post('/api/banking/transfers', { iban: NEW_IBAN, beneficiary: 'Electro Suministros Levante SL', amount: '1200' });
    expect(held).toMatchObject({ status: 201, body: { operation: { status: 'held', heldReason: 'new_beneficiary' } } });
    const op = held.body.operation as { id: string; reference: string };
    expect(await audit('banking.operation_held')).toMatchObject([{ details: { reference: op.reference, rules: ['new_beneficiary'] } }]);
    expect(await b.post(`/api/banking/operations/${op.reference}/sign`, { code: '123456' })).toMatchObject({ status: 409, body: { reason: 'wrong_status' } });

    // The same amount to the beneficiary paid last month goes straight to signing.
    expect(await b.post('/api/banking/transfers', { iban: DEMO_PENDING_OPERATION.iban, beneficiary: 'Inmobiliaria Almeriense SL', amount: '1200' })).toMatchObject({ body: { operation: { status: 'pending_signature' } } });

    // IVR branch 2 sends the unlock code of the operation the caller names.
    const unlock = await issueCode(bank.services.db, bank.services, { purpose: 'unlock', subject: `operation:${op.id}`, customerId: await customerId(bank.services, MARIA.externalId) });
    const wrong = unlock.code === '000000' ? '111111' : '000000';
    expect(await b.post(`/api/banking/operations/${op.reference}/unlock`, { code: wrong })).toMatchObject({ status: 400, body: { reason: 'invalid_code', details: { attemptsLeft: 4 } } });
    expect(await b.post(`/api/banking/operations/${op.reference}/unlock`, { code: unlock.code })).toMatchObject({ status: 200, body: { operation: { status: 'pending_signature' } } });
    const sms = await lastSms(bank.services, MARIA.mobile);
    expect(sms).toMatch(/1\.?200,00\s€/);
    expect(sms).toContain('Electro Suministros Levante SL');
    expect(await b.post(`/api/banking/operations/${op.reference}/sign`, { code: codeIn(sms) })).toMatchObject({ status: 200, body: { operation: { status: 'signed' } } });
    const blocks = await bank.services.db.selectFrom('blocks').selectAll().where('subject_id', '=', op.id).execute();
    expect(blocks).toMatchObject([{ origin: 'fraud_rule', lifted_channel: 'web' }]);
  });

  it('releases the demo held operation of IVR branch 2 and can cancel one', async () => {
    const b = await signIn(CARMEN);
    const view = await b.get(`/api/banking/operations/${DEMO_HELD_OPERATION.reference}`);
    expect(view).toMatchObject({ status: 200, body: { operation: { status: 'held', heldReason: 'new_beneficiary', amount: '1850.00', beneficiary: DEMO_HELD_OPERATION.beneficiary, mobileEnding: '093' } } });
    const id = await opId(DEMO_HELD_OPERATION.reference);
    const unlock = await issueCode(bank.services.db, bank.services, { purpose: 'unlock', subject: `operation:${id}`, customerId: await customerId(bank.services, CARMEN.externalId) });
    expect(await b.post(`/api/banking/operations/${DEMO_HELD_OPERATION.reference}/unlock`, { code: unlock.code })).toMatchObject({ status: 200, body: { operation: { status: 'pending_signature' } } });
    expect(await b.post(`/api/banking/operations/${DEMO_HELD_OPERATION.reference}/cancel`)).toMatchObject({ status: 200, body: { operation: { status: 'cancelled' } } });
    const code = codeIn(await lastSms(bank.services, CARMEN.mobile));
    expect(await b.post(`/api/banking/operations/${DEMO_HELD_OPERATION.reference}/sign`, { code })).toMatchObject({ status: 409, body: { reason: 'wrong_status' } });
    // Another customer's reference looks like none.
    expect(await b.get(`/api/banking/operations/${DEMO_PENDING_OPERATION.reference}`)).toMatchObject({ status: 404, body: { reason: 'operation_not_found' } });
  });

  it('links a device with the SMS code; a new beneficiary right after is held by the device rule', async () => {
    const b = await signIn(MARIA);
    const asked = await b.post('/api/banking/devices', { name: 'Pixel 8 de María', platform: 'android' });
    expect(asked).toMatchObject({ status: 201, body: { device: { name: 'Pixel 8 de María', platform: 'android', status: 'pending', linkedAt: null } } });
    const device = asked.body.device as { id: string };
    const sms = await lastSms(bank.services, MARIA.mobile);
    expect(sms).toContain('Pixel 8 de María');
    expect(await b.get('/api/banking/devices')).toMatchObject({ body: { devices: [{ id: device.id, status: 'pending' }] } });
    const code = codeIn(sms);
    expect(await b.post(`/api/banking/devices/${device.id}/confirm`, { code: code === '000000' ? '111111' : '000000' })).toMatchObject({ status: 400, body: { reason: 'invalid_code' } });
    const linked = await b.post(`/api/banking/devices/${device.id}/confirm`, { code });
    expect(linked).toMatchObject({ status: 200, body: { device: { id: device.id, status: 'linked', linkedAt: bank.services.clock.now().toISOString() } } });
    expect(await b.get('/api/banking/devices')).toMatchObject({ body: { devices: [{ id: device.id, status: 'linked' }] } });
    expect(await b.post(`/api/banking/devices/${device.id}/confirm`, { code })).toMatchObject({ status: 409 });
    const small = await b.post('/api/banking/transfers', { iban: NEW_IBAN, beneficiary: 'Electro SL', amount: '20' });
    expect(small).toMatchObject({ body: { operation: { status: 'held', heldReason: 'recent_device' } } });
  });

  it('describes every route in OpenAPI under the banking tag', async () => {
    const spec = (await bank.app.inject('/docs/json')).json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>();
    const banking = Object.entries(spec.paths).filter(([p]) => p.startsWith('/api/banking'));
    expect(banking.length).toBeGreaterThanOrEqual(11);
    for (const [, methods] of banking) for (const m of Object.values(methods)) expect(m.tags).toEqual(['banking']);
  });
});
