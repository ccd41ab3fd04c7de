import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { openBank, type Bank } from '../banking/test-support.ts';
import { describeEachDatabase } from '../../test/helpers/db.ts';
import { staffClient } from '../backoffice/cases/test-support.ts';
import { StaffBrowser } from '../staff/test-support.ts';

// Several argon2 sign-ins per test: on a loaded shared machine they outlast the default 30 s.
vi.setConfig({ testTimeout: 90_000 });

describeEachDatabase('console: customer panel and role authorisation', (backend) => {
  let bank: Bank;
  beforeEach(async () => {
    bank = await openBank(backend);
  });
  afterEach(() => bank.close());
  const as = (role: 'agent' | 'supervisor' | 'branch' | 'admin') => new StaffBrowser(bank.app).signIn(role);
  /** The demo alert case of a demo customer. */
  const caseOf = async (externalId: string) =>
    (await bank.services.db.selectFrom('cases' as never).innerJoin('customers', 'customers.id', 'cases.customer_id' as never).select('cases.id' as never).where('customers.external_id', '=', externalId).executeTakeFirstOrThrow()) as unknown as { id: string };

  it('shows the customer panel: masked identity, phones landline first as dialled, office and manager, blocks, profile', async () => {
    const agent = await as('agent');
    const maria = await caseOf('DEMO-C001');
    const panel = await agent.get(`/api/cases/${maria.id}/customer`);
    expect(panel.status).toBe(200);
    expect(panel.body).toMatchObject({
      caseId: maria.id,
      customer: { externalId: 'DEMO-C001', name: 'María García López', kind: 'person', document: { type: 'DNI', masked: '*****987B' }, email: 'ma*****@example.com' },
      phones: [
        { kind: 'landline', number: '+34950123456', dial: '950 12 34 56' },
        { kind: 'mobile', number: '+34612345331', dial: '612 345 331' },
      ],
      office: { code: '0123', name: 'Almería Centro', kind: 'branch', email: 'oficina0123@example.com' },
      manager: { id: 'G0123-01', name: 'Rosa Castillo Vega' },
      onlineBanking: { userCode: 'MGARCIA01', profile: 'full' },
      representatives: [],
    });
    expect(JSON.stringify(panel.body)).not.toContain('45123987B');
    expect(JSON.stringify(panel.body)).not.toContain('maria.garcia@');
  });

  it('flags the devices linked recently and lists an entity’s representatives', async () => {
    const agent = await as('agent');
    const david = await agent.get(`/api/cases/${(await caseOf('DEMO-C007')).id}/customer`);
    const devices = david.body.devices as { name: string; recent: boolean; linkedAt: string }[];
    expect(devices.map((d) => [d.name, d.recent])).toEqual([
      ['SM-A546B', true],
      ['iPhone 13 de David', false],
    ]);
    const entity = await agent.get(`/api/cases/${(await caseOf('DEMO-E001')).id}/customer`);
    expect(entity.body).toMatchObject({ customer: { kind: 'entity', document: { type: 'CIF' } }, representatives: [expect.objectContaining({ role: expect.any(String) })] });
  });

  it('lets a branch user see and work its office’s pending cases only: 404 for another queue, 403 for reports and the playbook', async () => {
    const branch = await as('branch');
    const maria = await caseOf('DEMO-C001');
    expect(await branch.get(`/api/cases/${maria.id}`)).toMatchObject({ status: 404, body: { reason: 'case_not_found' } });
    expect(await branch.get(`/api/cases/${maria.id}/customer`)).toMatchObject({ status: 404, body: { reason: 'case_not_found' } });
    expect(await branch.get('/api/reports/cases')).toMatchObject({ status: 403 });
    expect(((await branch.get('/api/cases')).body.cases as unknown[]).length).toBe(0);

    // The contact centre leaves it pending with the customer in office 0123's queue.
    const admin = staffClient(bank, 'sys', 'admin');
    expect(await admin.patch(`/api/cases/${maria.id}`, { queue: 'office:0123', status: 'pending_customer', pendingReason: 'Se establece BLOQUEO CAE' })).toMatchObject({ status: 200 });
    expect(await branch.get(`/api/cases/${maria.id}`)).toMatchObject({ status: 200, body: { case: { status: 'pending_customer' } } });
    expect((await branch.get('/api/cases')).body.cases).toEqual([expect.objectContaining({ id: maria.id })]);
    expect(await branch.get(`/api/cases/${maria.id}/customer`)).toMatchObject({ status: 200 });
    expect(await branch.post(`/api/cases/${maria.id}/comments`, { text: 'La clienta pasa por la oficina mañana.' })).toMatchObject({ status: 204 });
    expect(await branch.post(`/api/cases/${maria.id}/security-checks`, {})).toMatchObject({ status: 403, body: { reason: 'contact_centre_only' } });
    expect(await branch.patch(`/api/cases/${maria.id}`, { queue: 'contact_centre' })).toMatchObject({ status: 403, body: { reason: 'queue_not_allowed' } });
    expect(await branch.post(`/api/cases/${maria.id}/close`, { closingComment: 'Bloqueo CAE levantado en oficina.' })).toMatchObject({ status: 400, body: { reason: 'category_required' } });
    expect(await branch.post(`/api/cases/${maria.id}/close`, { closingComment: 'Bloqueo CAE levantado en oficina.', category: 'online_banking/credentials/contact_centre_block' })).toMatchObject({ status: 200, body: { status: 'closed' } });
    const timeline = (await branch.get(`/api/cases/${maria.id}`)).body.timeline as { actor: string; type: string }[];
    expect(timeline.filter((e) => e.actor === 'staff:olga.oficina').map((e) => e.type)).toEqual(['comment', 'categorised', 'closed']);
  });

  it('keeps an agent to the contact centre’s queue and its own cases; reports are for supervisors and admins', async () => {
    const agent = await as('agent');
    const lucia = await caseOf('DEMO-C004');
    expect(await agent.get(`/api/cases/${lucia.id}`)).toMatchObject({ status: 200 });
    const admin = staffClient(bank, 'sys', 'admin');
    await admin.patch(`/api/cases/${lucia.id}`, { queue: 'office:8732' });
    expect(await agent.get(`/api/cases/${lucia.id}`)).toMatchObject({ status: 404, body: { reason: 'case_not_found' } });
    expect(await agent.get(`/api/cases/${lucia.id}/customer`)).toMatchObject({ status: 404 });
    expect(await agent.post(`/api/cases/${lucia.id}/comments`, { text: 'x' })).toMatchObject({ status: 404 });
    expect(((await agent.get('/api/cases?queue=office:8732')).body.cases as unknown[]).length).toBe(0);
    // A case it owns follows it to any queue.
    await admin.patch(`/api/cases/${lucia.id}`, { owner: 'ana.agente' });
    expect(await agent.get(`/api/cases/${lucia.id}`)).toMatchObject({ status: 200 });
    expect(((await agent.get('/api/cases?queue=office:8732')).body.cases as unknown[]).length).toBe(1);

    expect(await agent.get('/api/reports/cases')).toMatchObject({ status: 403 });
    expect(await (await as('supervisor')).get('/api/reports/cases')).toMatchObject({ status: 200 });
    const adminSession = await as('admin');
    expect(await adminSession.get('/api/reports/cases')).toMatchObject({ status: 200 });
    expect(await adminSession.get(`/api/cases/${lucia.id}/customer`)).toMatchObject({ status: 200 });
    expect(await agent.get('/api/directory')).toMatchObject({ status: 200 });
    expect(await agent.get('/api/categories')).toMatchObject({ status: 200 });
  });
});

describeEachDatabase('console: the alert catalogue', (backend) => {
  let bank: Bank;
  beforeEach(async () => {
    bank = await openBank(backend, { 'backoffice.alertCatalogue': { situations: { login_new_location: { es: 'Acceso desde otro país', en: 'Sign-in from another country' }, mule_account: { es: 'Cuenta mula', en: 'Mule account' } } } });
  });
  afterEach(() => bank.close());

  it('serves staff the shipped words with the bank’s over them; nobody without a session', async () => {
    expect((await bank.app.inject({ method: 'GET', url: '/api/console/catalogue' })).statusCode).toBe(401);
    const agent = await new StaffBrowser(bank.app).signIn('agent');
    const res = await agent.get('/api/console/catalogue');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      situations: {
        login_new_location: { es: 'Acceso desde otro país', en: 'Sign-in from another country' },
        mule_account: { es: 'Cuenta mula', en: 'Mule account' },
        transfer_unusual_access: { es: 'Transferencia desde una conexión no habitual', en: 'Transfer from an unusual connection' },
      },
      details: { ip: { es: 'Dirección IP', en: 'IP address' }, country: { es: 'País', en: 'Country' } },
    });
  });
});
