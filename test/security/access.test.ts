import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshCustomer, postAlert } from '../../src/backoffice/cases/test-support.ts';
import { describeEachDatabase, TEST_ADMIN_TOKEN } from '../helpers/db.ts';
import { StaffFixture, TEST_SERVICE, type StaffSpec } from '../helpers/staff.ts';
import { knownSecrets, leaks, openRig, SOURCE, type Rig } from './support.ts';

/**
 * Issue 14, the outside review's findings on back-office access, each as the attack it stopped:
 * every test here failed before its fix (docs/security-tests.md has the table).
 */
describeEachDatabase('security: the review of issue 14 (back-office access)', (backend) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await openRig(backend);
  });
  afterAll(async () => {
    expect(leaks(rig.logLines, knownSecrets(rig))).toEqual([]);
    await rig.close();
  });

  type Reply = { status: number; body: Record<string, unknown> };
  const send = async (headers: Record<string, string>, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<Reply> => {
    const res = await rig.app.inject({ method, url, headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });
    return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown>) : {} };
  };
  const as = async (spec: StaffSpec) => {
    const { headers } = await StaffFixture.signIn(rig.app, rig.services, spec);
    return (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => send(headers, method, url, payload);
  };
  let n = 0;
  const alertCase = async (externalId: string) => {
    const r = await postAlert(rig.app, { sourceAlertId: `ACCESS-${++n}`, customer: { externalId }, situation: 'login_new_location' });
    expect(r.status).toBe(201);
    return r.body.caseId as string;
  };
  const actorsOf = async (caseId: string) => ({
    timeline: (await rig.services.db.selectFrom('case_events' as never).select('actor' as never).where('case_id' as never, '=', caseId as never).execute()).map((e) => (e as { actor: string }).actor),
    audit: (await rig.services.db.selectFrom('audit_log').select('actor').where('subject', '=', `case:${caseId}`).execute()).map((e) => e.actor),
  });

  it('5. a branch user cannot open a case for another office’s customer, nor read that customer: 404 as for no customer', async () => {
    const olga = await as({ id: 'olga.access', role: 'branch', office: '0123' });
    const other = await freshCustomer(rig, '8683');
    const own = await freshCustomer(rig, '0123');
    const notFound = { status: 404, body: { reason: 'customer_not_found' } };
    expect(await olga('POST', '/api/cases', { customerId: other.id })).toMatchObject(notFound);
    expect(await olga('POST', '/api/cases', { customerId: other.id, queue: 'office:0123' })).toMatchObject(notFound);
    // The same answer as a customer that does not exist: nothing to enumerate.
    expect(await olga('POST', '/api/cases', { customerId: '00000000-0000-4000-8000-000000000000' })).toMatchObject(notFound);
    expect(await olga('GET', `/api/customers/${other.id}`)).toMatchObject(notFound);
    expect(await olga('GET', `/api/customers/${other.id}/history`)).toMatchObject(notFound);
    expect(await rig.services.db.selectFrom('cases' as never).select('id' as never).where('customer_id' as never, '=', other.id as never).execute()).toEqual([]);
    // Another office's queue stays refused, and its own customer is served.
    expect(await olga('POST', '/api/cases', { customerId: own.id, queue: 'office:8683' })).toMatchObject({ status: 403, body: { reason: 'queue_not_allowed' } });
    const opened = await olga('POST', '/api/cases', { customerId: own.id });
    expect(opened).toMatchObject({ status: 201, body: { queue: 'office:0123' } });
    expect(await olga('GET', `/api/cases/${opened.body.id as string}/customer`)).toMatchObject({ status: 200, body: { customer: { externalId: own.external_id } } });
  });

  it('5. nobody puts another office’s customer in a branch’s queue, so its cases show no other customer', async () => {
    const admin = await as({ id: 'adela.access', role: 'admin' });
    const other = await freshCustomer(rig, '8683');
    expect(await admin('POST', '/api/cases', { customerId: other.id, queue: 'office:0123' })).toMatchObject({ status: 400, body: { reason: 'other_office_queue' } });
    const caseId = await alertCase(other.external_id);
    expect(await admin('PATCH', `/api/cases/${caseId}`, { queue: 'office:0123' })).toMatchObject({ status: 400, body: { reason: 'other_office_queue' } });
    expect(await admin('PATCH', `/api/cases/${caseId}`, { queue: 'office:8683' })).toMatchObject({ status: 200, body: { queue: 'office:8683' } });
    const olga = await as({ id: 'olga.access', role: 'branch', office: '0123' });
    expect(await olga('GET', `/api/cases/${caseId}`)).toMatchObject({ status: 404 });
    expect(await olga('GET', `/api/cases/${caseId}/customer`)).toMatchObject({ status: 404 });
    expect(((await olga('GET', '/api/cases')).body.cases as { id: string }[]).map((c) => c.id)).not.toContain(caseId);
  });

  it('6. the admin token provisions only: with X-Staff-Id it acts for nobody on the back office', async () => {
    const caseId = await alertCase('DEMO-C004');
    const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    for (const headers of [admin, { ...admin, 'x-staff-id': 'ana.agente', 'x-staff-role': 'admin' }, { ...admin, 'x-staff-id': 'olga.oficina', 'x-staff-role': 'branch', 'x-staff-office': '0123' }]) {
      expect(await send(headers, 'GET', `/api/cases/${caseId}`)).toMatchObject({ status: 403, body: { reason: 'admin_token_not_staff' } });
      expect(await send(headers, 'POST', `/api/cases/${caseId}/comments`, { text: 'Soy otra persona.' })).toMatchObject({ status: 403, body: { reason: 'admin_token_not_staff' } });
      expect(await send(headers, 'GET', '/api/reports/cases')).toMatchObject({ status: 403 });
    }
    expect((await actorsOf(caseId)).timeline.every((a) => a.startsWith('alert-source:'))).toBe(true);
    // It still provisions.
    expect((await send(admin, 'GET', `/api/admin/customers/${encodeURIComponent('DEMO-C004')}`)).status).toBe(200);
  });

  it('6. a system acting for staff has its own service account, recorded as itself with the role configured', async () => {
    const caseId = await alertCase('DEMO-C007');
    const service = { authorization: `Bearer ${TEST_SERVICE.token}` };
    expect(await send(service, 'POST', `/api/cases/${caseId}/comments`, { text: 'Sincronizado desde el CRM.' })).toMatchObject({ status: 204 });
    expect(await send(service, 'POST', `/api/cases/${caseId}/take`, {})).toMatchObject({ status: 200, body: { owner: 'service:case-sync' } });
    const { timeline, audit } = await actorsOf(caseId);
    expect(timeline.filter((a) => !a.startsWith('alert-source:'))).toEqual(['service:case-sync', 'service:case-sync']);
    expect(audit).toContain('service:case-sync');
    // Its configured role (agent) is all it has; it names nobody else; a wrong token is nobody.
    expect(await send(service, 'GET', '/api/reports/cases')).toMatchObject({ status: 403 });
    expect(await send({ ...service, 'x-staff-id': 'sergio.supervisor', 'x-staff-role': 'supervisor' }, 'GET', `/api/cases/${caseId}`)).toMatchObject({ status: 400, body: { reason: 'staff_headers_refused' } });
    expect(await send({ authorization: `Bearer ${TEST_SERVICE.token}x` }, 'GET', `/api/cases/${caseId}`)).toMatchObject({ status: 401 });
    // Nor does the service token provision.
    expect((await send(service, 'GET', `/api/admin/customers/${encodeURIComponent('DEMO-C007')}`)).status).toBe(401);
  });

  it('17. alert details nested past 8 levels answer 400 details_too_deep, 5000 deep included, never a 500', async () => {
    const nest = (depth: number) => {
      let v: unknown = 'x';
      for (let i = 1; i < depth; i++) v = i % 2 ? { a: v } : [v];
      return { root: v };
    };
    const post = (sourceAlertId: string, details: unknown) => postAlert(rig.app, { sourceAlertId, customer: { externalId: 'DEMO-C001' }, situation: 'deep_details', details });
    expect(await post('DEEP-8', nest(8))).toMatchObject({ status: 201 });
    expect(await post('DEEP-9', nest(9))).toMatchObject({ status: 400, body: { reason: 'details_too_deep' } });
    // Sent as text: the test's own JSON.stringify would overflow on it, as the server's did.
    const payload = `{"sourceAlertId":"DEEP-5000","customer":{"externalId":"DEMO-C001"},"situation":"deep_details","details":{"root":${'{"a":['.repeat(2500)}"x"${']}'.repeat(2500)}}}`;
    const res = await rig.app.inject({ method: 'POST', url: '/api/alerts', headers: { 'content-type': 'application/json', 'x-alert-source': SOURCE.id, 'x-api-key': SOURCE.key }, payload });
    const deep = { status: res.statusCode, body: res.json() as Record<string, unknown> };
    expect(deep).toMatchObject({ status: 400, body: { reason: 'details_too_deep' } });
    expect(String(deep.body.message)).toMatch(/\S/);
  });
});
