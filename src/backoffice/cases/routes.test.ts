import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Bank } from '../../banking/test-support.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { freshCustomer, openBackoffice, postAlert, staffClient, tables } from './test-support.ts';

describeEachDatabase('back office: cases', (backend) => {
  let bank: Bank;
  beforeEach(async () => {
    bank = await openBackoffice(backend);
  });
  afterEach(() => bank.close());
  let n = 0;
  /** A new alert case of a fresh customer of `office`. */
  const alertCase = async (office = '0123') => {
    const c = await freshCustomer(bank, office);
    const r = await postAlert(bank.app, { sourceAlertId: `C-${++n}-${c.id}`, customer: { externalId: c.external_id }, situation: 'login_new_location' });
    expect(r.status).toBe(201);
    return { customer: c, id: r.body.caseId as string, number: r.body.caseNumber as number };
  };
  const timeline = async (id: string) => (((await staffClient(bank).get(`/api/cases/${id}`)).body.timeline ?? []) as { type: string; actor: string; data: Record<string, unknown> }[]);

  it('moves a case along the status table; pending needs its reason; a closed case is final; stale versions are refused', async () => {
    const { id } = await alertCase();
    const ana = staffClient(bank, 'ana');
    const url = `/api/cases/${id}`;
    expect(await ana.get(url)).toMatchObject({ status: 200, body: { case: { status: 'new', version: 0, alertCount: 1, queue: 'contact_centre' } } });
    expect(await ana.patch(url, { status: 'in_progress' })).toMatchObject({ status: 200, body: { status: 'in_progress', version: 1 } });
    expect(await ana.patch(url, { status: 'new' })).toMatchObject({ status: 409, body: { reason: 'wrong_status' } });
    expect(await ana.patch(url, { status: 'pending_customer' })).toMatchObject({ status: 400, body: { reason: 'pending_reason_required' } });
    expect(await ana.patch(url, { status: 'pending_customer', pendingReason: '   ' })).toMatchObject({ status: 400, body: { reason: 'pending_reason_required' } });
    expect(await ana.patch(url, { status: 'pending_customer', pendingReason: 'Se establece BLOQUEO CAE', version: 0 })).toMatchObject({ status: 409, body: { reason: 'stale_version', details: { version: 1 } } });
    expect(await ana.patch(url, { status: 'pending_customer', pendingReason: 'Se establece BLOQUEO CAE', version: 1 })).toMatchObject({ status: 200, body: { status: 'pending_customer', pendingReason: 'Se establece BLOQUEO CAE', version: 2 } });
    expect(await ana.patch(url, { status: 'in_progress' })).toMatchObject({ status: 200, body: { status: 'in_progress', pendingReason: null } });
    expect(await ana.patch(url, { status: 'closed' })).toMatchObject({ status: 400 });

    expect(await ana.post(`${url}/close`, { closingComment: '  \n ' })).toMatchObject({ status: 400, body: { reason: 'closing_comment_required' } });
    // Seed 002: "Es de suma importancia categorizar el caso": no close without a leaf category.
    expect(await ana.post(`${url}/close`, { closingComment: 'Cliente confirma la operación.' })).toMatchObject({ status: 400, body: { reason: 'category_required' } });
    expect(await ana.post(`${url}/close`, { closingComment: 'Cliente confirma.', category: 'fraud/operation_alert' })).toMatchObject({ status: 400, body: { reason: 'unknown_category' } });
    expect(await ana.post(`${url}/close`, { closingComment: 'Cliente confirma.', category: 'accounts/limit_change/card_limit' })).toMatchObject({ status: 400, body: { reason: 'special_category' } });
    const closed = await ana.post(`${url}/close`, { closingComment: 'Cliente confirma la operación.\nSe cierra.', outcome: 'confirmed', category: 'fraud/operation_alert/confirmed' });
    expect(closed).toMatchObject({ status: 200, body: { status: 'closed', outcome: 'confirmed', category: 'fraud/operation_alert/confirmed', closingComment: 'Cliente confirma la operación.\nSe cierra.' } });
    expect(closed.body.closedAt).toBe(bank.services.clock.now().toISOString());
    // Closing again answers the case unchanged; nothing else moves a closed case.
    expect(await ana.post(`${url}/close`, { closingComment: 'Otra vez' })).toMatchObject({ status: 200, body: { closingComment: 'Cliente confirma la operación.\nSe cierra.', version: closed.body.version } });
    expect(await ana.patch(url, { status: 'in_progress' })).toMatchObject({ status: 409, body: { reason: 'case_closed' } });
    expect(await ana.patch(url, { owner: 'luis' })).toMatchObject({ status: 409, body: { reason: 'case_closed' } });
    // A closed case still takes comments (what happened after).
    expect((await ana.post(`${url}/comments`, { text: 'El cliente llamó de nuevo.' })).status).toBe(204);

    const events = await timeline(id);
    expect(events.map((e) => e.type)).toEqual(['created', 'alert_received', 'status_changed', 'status_changed', 'status_changed', 'categorised', 'closed', 'comment']);
    expect(events.slice(2).every((e) => e.actor === 'staff:ana')).toBe(true);
    expect(events[6]!.data).toMatchObject({ from: 'in_progress', outcome: 'confirmed' });
    const audit = await bank.services.db.selectFrom('audit_log').select('action').where('subject', '=', `case:${id}`).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['case.created', 'case.status_changed', 'case.status_changed', 'case.status_changed', 'case.closed']);
  });

  it('keeps the timeline append-only: later changes add events and never touch earlier ones', async () => {
    const { id } = await alertCase();
    const ana = staffClient(bank);
    await ana.post(`/api/cases/${id}/comments`, { text: 'Primer intento sin respuesta' });
    const before = await tables(bank).selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('id').execute();
    await ana.patch(`/api/cases/${id}`, { status: 'in_progress', owner: 'ana' });
    const after = await tables(bank).selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('id').execute();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((e) => e.type)).toEqual(['assigned', 'status_changed']);
    expect((await ana.post(`/api/cases/${id}/comments`, { text: ' ' })).body).toMatchObject({ reason: 'comment_required' });
    // The database itself refuses to edit or delete an event.
    await expect(tables(bank).updateTable('case_events').set({ type: 'edited' }).where('case_id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(tables(bank).deleteFrom('case_events').where('case_id', '=', id).execute()).rejects.toThrow(/append-only/);
    expect(await tables(bank).selectFrom('case_events').select('type').where('case_id', '=', id).execute()).toHaveLength(after.length);
  });

  it('assigns owner and queue; a branch user sees only its office’s queue and cannot move cases out of it', async () => {
    const a = await alertCase('0123');
    const b = await alertCase('8683');
    const ana = staffClient(bank, 'ana');
    const branch0123 = staffClient(bank, 'pilar', 'branch', '0123');
    const branch8683 = staffClient(bank, 'jose', 'branch', '8683');

    expect(await branch0123.get(`/api/cases/${a.id}`)).toMatchObject({ status: 404, body: { reason: 'case_not_found' } });
    expect(await ana.patch(`/api/cases/${a.id}`, { queue: 'office:9999' })).toMatchObject({ status: 400, body: { reason: 'unknown_queue' } });
    expect(await ana.patch(`/api/cases/${a.id}`, { queue: 'somewhere' })).toMatchObject({ status: 400, body: { reason: 'unknown_queue' } });
    expect(await ana.patch(`/api/cases/${a.id}`, { owner: 'bad owner!' })).toMatchObject({ status: 400 });
    const moved = await ana.patch(`/api/cases/${a.id}`, { queue: 'office:0123', owner: 'ana', status: 'pending_customer', pendingReason: 'Se establece BLOQUEO CAE' });
    expect(moved).toMatchObject({ status: 200, body: { queue: 'office:0123', owner: 'staff:ana', status: 'pending_customer' } });

    expect(await branch0123.get(`/api/cases/${a.id}`)).toMatchObject({ status: 200 });
    expect(await branch8683.get(`/api/cases/${a.id}`)).toMatchObject({ status: 404 });
    expect(await branch8683.patch(`/api/cases/${a.id}`, { owner: 'jose' })).toMatchObject({ status: 404 });
    expect(await branch0123.patch(`/api/cases/${a.id}`, { queue: 'contact_centre' })).toMatchObject({ status: 403, body: { reason: 'queue_not_allowed' } });
    // Ana still has it: the branch user takes it over (recorded) before working it.
    expect(await branch0123.patch(`/api/cases/${a.id}`, { owner: 'pilar', status: 'in_progress' })).toMatchObject({ status: 409, body: { reason: 'case_locked', details: { owner: 'staff:ana' } } });
    expect(await branch0123.post(`/api/cases/${a.id}/takeover`, { reason: 'La clienta está en la oficina.' })).toMatchObject({ status: 200, body: { owner: 'staff:pilar' } });
    expect(await branch0123.patch(`/api/cases/${a.id}`, { status: 'in_progress' })).toMatchObject({ status: 200, body: { owner: 'staff:pilar', status: 'in_progress' } });
    expect(await branch0123.patch(`/api/cases/${a.id}`, { owner: null })).toMatchObject({ status: 200, body: { owner: null } });

    const list = async (client: ReturnType<typeof staffClient>, query: string) => ((await client.get(`/api/cases?${query}`)).body.cases as { id: string }[]).map((c) => c.id);
    expect(await list(branch0123, '')).toEqual([a.id]);
    expect(await list(branch0123, 'queue=contact_centre')).toEqual([]);
    // An agent sees the contact centre's queue and the cases it owns: no longer this one (issue 6); an admin sees every queue.
    expect(await list(ana, 'queue=office:0123')).toEqual([]);
    expect(await list(staffClient(bank, 'adela', 'admin'), 'queue=office:0123')).toEqual([a.id]);
    const centre = await list(ana, 'queue=contact_centre&status=new');
    expect(centre).toContain(b.id);
    expect(centre).not.toContain(a.id);
    await ana.patch(`/api/cases/${b.id}`, { owner: 'ana' });
    expect(await list(ana, 'owner=me')).toEqual([b.id]);
    expect(await list(staffClient(bank, 'luis'), 'owner=me')).toEqual([]);
    expect(await list(ana, `customerId=${b.customer.id}`)).toEqual([b.id]);
    expect((await ana.get('/api/cases?status=bogus')).status).toBe(400);
    expect((await bank.app.inject({ url: '/api/cases' })).statusCode).toBe(401);
  });

  it('categorises on the three-level tree; a level-2 special category needs a real account change and is closed by its owner', async () => {
    const { id } = await alertCase();
    const ana = staffClient(bank, 'ana');
    const luis = staffClient(bank, 'luis');
    const tree = await ana.get('/api/categories');
    expect(tree).toMatchObject({ status: 200, body: { categories: expect.arrayContaining([expect.objectContaining({ id: 'fraud' })]) } });
    const url = `/api/cases/${id}`;
    expect(await ana.patch(url, { category: 'fraud/operation_alert' })).toMatchObject({ status: 400, body: { reason: 'unknown_category' } });
    expect(await ana.patch(url, { category: 'fraud/operation_alert/nope' })).toMatchObject({ status: 400, body: { reason: 'unknown_category' } });
    expect(await ana.patch(url, { category: 'fraud/operation_alert/confirmed/x' })).toMatchObject({ status: 400, body: { reason: 'unknown_category' } });
    expect(await ana.patch(url, { category: 'fraud/operation_alert/confirmed' })).toMatchObject({ status: 200, body: { category: 'fraud/operation_alert/confirmed' } });

    expect(await ana.patch(url, { category: 'accounts/holder_change/add_holder' })).toMatchObject({ status: 400, body: { reason: 'special_category' } });
    expect(await ana.patch(url, { category: 'accounts/holder_change/add_holder', accountChanged: false })).toMatchObject({ status: 400, body: { reason: 'special_category' } });
    expect(await ana.patch(url, { category: 'accounts/holder_change/add_holder', accountChanged: true, owner: 'ana' })).toMatchObject({ status: 200, body: { category: 'accounts/holder_change/add_holder', owner: 'staff:ana' } });
    expect(await luis.post(`${url}/close`, { closingComment: 'Alta de interviniente hecha' })).toMatchObject({ status: 409, body: { reason: 'owner_must_close' } });
    expect(await ana.post(`${url}/close`, { closingComment: 'Alta de interviniente hecha (ACUERDO firmado)' })).toMatchObject({ status: 200, body: { status: 'closed' } });
    const categorised = (await timeline(id)).filter((e) => e.type === 'categorised');
    expect(categorised.map((e) => e.data)).toEqual([
      { from: null, to: 'fraud/operation_alert/confirmed' },
      { from: 'fraud/operation_alert/confirmed', to: 'accounts/holder_change/add_holder', special: true, accountChanged: true },
    ]);
  });

  it('opens a main case and links alert cases of the same customer to it', async () => {
    const a = await alertCase();
    const other = await alertCase();
    const ana = staffClient(bank);
    const main = await ana.post('/api/cases', { customerId: a.customer.id });
    expect(main).toMatchObject({ status: 201, body: { kind: 'main', status: 'new', queue: 'contact_centre', customer: { id: a.customer.id } } });
    const mainId = main.body.id as string;
    expect(main.body.number).toBeGreaterThan(a.number);

    expect(await ana.post(`/api/cases/${a.id}/link`, { mainCaseId: a.id })).toMatchObject({ status: 400, body: { reason: 'link_itself' } });
    expect(await ana.post(`/api/cases/${a.id}/link`, { mainCaseId: other.id })).toMatchObject({ status: 400, body: { reason: 'not_main_case' } });
    expect(await ana.post(`/api/cases/${other.id}/link`, { mainCaseId: mainId })).toMatchObject({ status: 400, body: { reason: 'other_customer' } });
    expect(await ana.post(`/api/cases/${mainId}/link`, { mainCaseId: mainId })).toMatchObject({ status: 400 });
    expect(await ana.post(`/api/cases/${a.id}/link`, { mainCaseId: mainId })).toMatchObject({ status: 200, body: { mainCaseId: mainId } });
    expect(await ana.post(`/api/cases/${a.id}/link`, { mainCaseId: mainId })).toMatchObject({ status: 200, body: { mainCaseId: mainId } });
    const second = await ana.post('/api/cases', { customerId: a.customer.id });
    expect(await ana.post(`/api/cases/${a.id}/link`, { mainCaseId: second.body.id })).toMatchObject({ status: 409, body: { reason: 'already_linked' } });
    await ana.post(`/api/cases/${a.id}/close`, { closingComment: 'Se cierra vinculado al caso principal.', category: 'fraud/duplicate/same_situation' });

    const alertDetail = await ana.get(`/api/cases/${a.id}`);
    expect(alertDetail.body).toMatchObject({ case: { status: 'closed', mainCaseId: mainId }, mainCase: { id: mainId, kind: 'main', status: 'new' }, linkedCases: [] });
    const mainDetail = await ana.get(`/api/cases/${mainId}`);
    expect(mainDetail.body).toMatchObject({ mainCase: null, linkedCases: [{ id: a.id, number: a.number, kind: 'alert', status: 'closed' }] });
    expect((mainDetail.body.timeline as { type: string }[]).map((e) => e.type)).toEqual(['created', 'case_linked']);
    expect(await ana.post('/api/cases', { customerId: a.customer.id, queue: 'office:0000' })).toMatchObject({ status: 400, body: { reason: 'unknown_queue' } });
    expect(await staffClient(bank, 'pilar', 'branch', '0123').post('/api/cases', { customerId: a.customer.id, queue: 'contact_centre' })).toMatchObject({ status: 403 });
  });

  it('lands mentions of an office or a manager in their inbox, on the timeline, readable by that office only', async () => {
    const { id } = await alertCase();
    const ana = staffClient(bank);
    const office = await ana.post(`/api/cases/${id}/mentions`, { targetKind: 'office', targetId: '0123', text: 'Asignamos el caso para su conocimiento y gestión.' });
    expect(office).toMatchObject({ status: 201, body: { targetKind: 'office', targetId: '0123', createdBy: 'staff:ana', readAt: null } });
    const manager = await ana.post(`/api/cases/${id}/mentions`, { targetKind: 'manager', targetId: 'W8732-01', text: 'Gestión realizada: bloqueo CAE y de firma.' });
    expect(manager.status).toBe(201);
    expect(await ana.post(`/api/cases/${id}/mentions`, { targetKind: 'office', targetId: '9999', text: 'x' })).toMatchObject({ status: 400, body: { reason: 'unknown_mention_target' } });
    expect(await ana.post(`/api/cases/${id}/mentions`, { targetKind: 'manager', targetId: 'NOBODY', text: 'x' })).toMatchObject({ status: 400, body: { reason: 'unknown_mention_target' } });

    const inbox = await ana.get('/api/inbox?office=0123');
    expect(inbox).toMatchObject({ status: 200, body: { mentions: [{ id: office.body.id, caseId: id, text: 'Asignamos el caso para su conocimiento y gestión.' }] } });
    expect((inbox.body.mentions as { caseNumber: number }[])[0]!.caseNumber).toBeGreaterThan(0);
    expect(await ana.get('/api/inbox?manager=W8732-01')).toMatchObject({ body: { mentions: [{ id: manager.body.id }] } });
    expect(await ana.get('/api/inbox')).toMatchObject({ status: 400 });
    expect(await ana.get('/api/inbox?office=0123&manager=W8732-01')).toMatchObject({ status: 400 });

    const branch = staffClient(bank, 'pilar', 'branch', '0123');
    expect(await branch.get('/api/inbox?office=0123')).toMatchObject({ status: 200 });
    expect(await branch.get('/api/inbox?manager=G0123-01')).toMatchObject({ status: 200, body: { mentions: [] } });
    expect(await branch.get('/api/inbox?office=8732')).toMatchObject({ status: 403, body: { reason: 'inbox_not_allowed' } });
    expect(await branch.get('/api/inbox?manager=W8732-01')).toMatchObject({ status: 403 });
    expect(await branch.post(`/api/inbox/${manager.body.id}/read`)).toMatchObject({ status: 403 });
    const read = await branch.post(`/api/inbox/${office.body.id}/read`);
    expect(read).toMatchObject({ status: 200, body: { readAt: bank.services.clock.now().toISOString() } });
    expect(await branch.get('/api/inbox?office=0123&unread=true')).toMatchObject({ body: { mentions: [] } });
    expect(await ana.post('/api/inbox/00000000-0000-4000-8000-000000000000/read')).toMatchObject({ status: 404, body: { reason: 'mention_not_found' } });

    const detail = await ana.get(`/api/cases/${id}`);
    expect((detail.body.mentions as unknown[]).length).toBe(2);
    expect((detail.body.timeline as { type: string }[]).filter((e) => e.type === 'mention')).toHaveLength(2);
  });

  it('answers 404 for unknown cases and lists every route under the backoffice tag', async () => {
    const ana = staffClient(bank);
    expect(await ana.get('/api/cases/00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404, body: { reason: 'case_not_found' } });
    expect(await ana.get('/api/cases/not-a-uuid')).toMatchObject({ status: 400 });
    expect(await ana.post('/api/cases/00000000-0000-4000-8000-000000000000/close', { closingComment: 'x' })).toMatchObject({ status: 404 });
    const doc = (await bank.app.inject('/docs/json')).json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>();
    const mine = ['/api/alerts', '/api/categories', '/api/cases', '/api/cases/{id}', '/api/cases/{id}/close', '/api/cases/{id}/comments', '/api/cases/{id}/link', '/api/cases/{id}/mentions', '/api/inbox', '/api/inbox/{id}/read'];
    for (const path of mine) {
      expect(doc.paths[path], path).toBeDefined();
      for (const op of Object.values(doc.paths[path]!)) expect(op.tags).toEqual(['backoffice']);
    }
  });
});
