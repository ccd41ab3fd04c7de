import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../demo/load.ts';
import { deliverDue } from '../../notify/deliver.ts';
import { testDeliveryDeps } from '../../notify/test-support.ts';
import { provisioningDeps } from '../../provisioning/deps.ts';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../../test/helpers/db.ts';
import { PLAYBOOK } from './playbook.ts';
import { Agent, newAlertCase, newScenario, playbookApp, rightAnswer, type Kind, type Person, type PlaybookTestApp } from './test-support.ts';
import type { BackofficeTables, Case, Outcome } from '../schema.ts';
import { questionBank } from '../contact/security-checks.ts';

describeEachDatabase('playbook API', (backend) => {
  let database: TestDatabase;
  let r: PlaybookTestApp;
  let agent: Agent;

  beforeAll(async () => {
    database = await freshDatabase(backend);
    r = await playbookApp(testServices(database));
    await loadDemoData(r.services.db, provisioningDeps(r.services, 'system'));
    agent = new Agent(r);
  });
  afterAll(async () => {
    await r?.close();
    await database?.drop();
  });

  const bo = () => r.services.db.withTables<BackofficeTables>();
  const factOf = (questionId: string) => questionBank(r.services).find((q) => q.id === questionId)!.fact;
  const getCaseRow = (id: string) => bo().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const credentials = async (customerId: string) => {
    const blocks = await r.services.db.selectFrom('blocks').select(['target', 'origin']).where('customer_id', '=', customerId).where('lifted_at', 'is', null).orderBy('target').execute();
    const user = await r.services.db.selectFrom('online_banking_users').select('profile').where('customer_id', '=', customerId).executeTakeFirst();
    const devices = await r.services.db.selectFrom('devices').select(['name', 'unlinked_at']).where('customer_id', '=', customerId).orderBy('linked_at').execute();
    return { blocks, profile: user?.profile, activeDevices: devices.filter((d) => d.unlinked_at === null).map((d) => d.name) };
  };
  const mentionsOf = (caseId: string) => bo().selectFrom('mentions').select(['target_kind', 'target_id', 'text']).where('case_id', '=', caseId).orderBy('created_at').execute();
  const auditCount = async (action: string, customerId: string) =>
    (await r.services.db.selectFrom('audit_log').select('id').where('action', '=', action).where('customer_id', '=', customerId).execute()).length;
  const eventCount = async (caseId: string, type: string) => (await bo().selectFrom('case_events').select('id').where('case_id', '=', caseId).where('type', '=', type).execute()).length;

  /** The holder (or representative) answers the call and the security questions, right or (one answer) wrong. */
  async function identify(s: { kind: Kind; answerer: Person }, caseId: string, pass: boolean) {
    const answeredBy = s.kind === 'entity' ? s.answerer.customer.id : undefined;
    const attempt = await agent.attempt(caseId, 'answered', answeredBy ? { answeredBy } : {});
    expect(attempt.statusCode).toBe(201);
    const started = await agent.startCheck(caseId, answeredBy);
    expect(started.statusCode).toBe(201);
    const check = started.json<{ id: string; questions: { id: string; text: string }[] }>();
    expect(check.questions).toHaveLength(r.services.config.backoffice.securityQuestionsAsked);
    // The agent never reads an expected answer.
    const shown = JSON.stringify(check.questions);
    for (const secret of [s.answerer.last4, s.answerer.customer.email!, s.answerer.userCode]) expect(shown).not.toContain(secret);
    const answers = check.questions.map((q, i) => ({ questionId: q.id, answer: pass || i > 0 ? rightAnswer(s.answerer, factOf(q.id)) : 'no lo sé' }));
    const judged = await agent.answer(check.id, answers);
    expect(judged.statusCode).toBe(200);
    expect(judged.json()).toMatchObject({ passed: pass, answeredBy: s.answerer.customer.id });
    return check.id;
  }

  async function failAllAttempts(caseId: string) {
    for (const result of ['no_answer', 'busy', 'voicemail']) expect((await agent.attempt(caseId, result)).statusCode).toBe(201);
  }

  async function sendTheDraft(mainCaseId: string) {
    const drafts = (await agent.request('GET', `/api/cases/${mainCaseId}/drafts`)).json<{ drafts: { id: string; status: string; cc: string[]; to: string }[] }>().drafts;
    expect(drafts).toHaveLength(1);
    const sent = await agent.request('POST', `/api/drafts/${drafts[0]!.id}/send`);
    expect(sent.statusCode).toBe(200);
    return { draft: drafts[0]!, reply: sent.json<{ sentNow: boolean; runs: { status: string }[] }>() };
  }

  describe('every outcome, for a branch customer, a virtual-office customer and a legal entity', () => {
    const kinds: Kind[] = ['branch', 'virtual', 'entity'];
    const officeOf = (k: Kind) => (k === 'virtual' ? '8732' : '0123');
    const copyOf = (k: Kind) => (k === 'virtual' ? 'oficina8732@grupocajamar.com' : 'oficina0123@example.com');

    it.each(kinds)('confirmed (%s): the case closes with the closing comments, nothing else changes', async (kind) => {
      const s = await newScenario(r.services, kind);
      const c = await newAlertCase(r.services, s.customer.id);
      await identify(s, c.id, true);
      const res = await agent.outcome(c.id, 'confirmed', { closingComment: 'El cliente confirma la transferencia.' });
      expect(res.statusCode).toBe(200);
      const run = res.json();
      expect(run).toMatchObject({ status: 'done', outcome: 'confirmed', answeredBy: s.answerer.customer.id, mainCaseId: null });
      expect(run.steps.map((x: { action: string; done: boolean }) => [x.action, x.done])).toEqual([['say', true], ['close_case', true]]);
      expect(run.steps[0].say).toContain('901 511 000');
      expect(await getCaseRow(c.id)).toMatchObject({ status: 'closed', outcome: 'confirmed', closing_comment: 'El cliente confirma la transferencia.', queue: 'contact_centre', main_case_id: null });
      expect(await credentials(s.customer.id)).toMatchObject({ blocks: [], profile: 'full' });
      expect(await bo().selectFrom('email_drafts').select('id').where('case_id', '=', c.id).execute()).toEqual([]);
      expect(await mentionsOf(c.id)).toEqual([]);
    });

    it.each(kinds)('not_confirmed (%s): signature block, CAE block, read-only profile, fraud protocol', async (kind) => {
      const s = await newScenario(r.services, kind);
      const c = await newAlertCase(r.services, s.customer.id);
      await identify(s, c.id, true);
      const res = await agent.outcome(c.id, 'not_confirmed', { closingComment: 'No reconoce la operación.' });
      expect(res.json()).toMatchObject({ status: 'done' });
      expect(res.json().steps.map((x: { action: string }) => x.action)).toEqual(['block_signature', 'block_cae', 'set_profile_read_only', 'say', 'say', 'start_fraud_protocol']);
      expect(await credentials(s.customer.id)).toMatchObject({
        blocks: [{ target: 'access', origin: 'contact_centre' }, { target: 'signature', origin: 'contact_centre' }],
        profile: 'read_only',
      });
      // The seed's order: the signature block first, then the CAE block.
      const created = await r.services.db.selectFrom('audit_log').select(['action', 'details']).where('customer_id', '=', s.customer.id).where('action', '=', 'block.created').orderBy('id').execute();
      expect(created.map((a) => (a.details as { target: string }).target)).toEqual(['signature', 'access']);
      expect(await bo().selectFrom('fraud_tasks').select(['kind', 'status']).where('case_id', '=', c.id).execute()).toEqual([{ kind: 'online_fraud_protocol', status: 'open' }]);
      // The seed closes nothing here: the case stays with the contact centre, the comment on its timeline.
      expect(await getCaseRow(c.id)).toMatchObject({ status: 'in_progress', outcome: 'not_confirmed', queue: 'contact_centre', main_case_id: null });
      expect(await eventCount(c.id, 'comment')).toBe(1);
      expect(await mentionsOf(c.id)).toEqual([]);
    });

    it.each(kinds)('failed_security (%s): blocks, main case, macro draft with the office in copy, then the office variant', async (kind) => {
      const s = await newScenario(r.services, kind);
      const c = await newAlertCase(r.services, s.customer.id);
      await identify(s, c.id, false);
      const res = await agent.outcome(c.id, 'failed_security', { closingComment: 'No supera las preguntas de seguridad.' });
      expect(res.statusCode).toBe(200);
      const run = res.json();
      expect(run).toMatchObject({ status: 'waiting', variant: kind === 'virtual' ? 'virtual' : 'branch' });
      expect(run.waitingFor.draftIds).toHaveLength(1);
      expect(await credentials(s.customer.id)).toMatchObject({
        blocks: [{ target: 'access', origin: 'contact_centre' }, { target: 'signature', origin: 'contact_centre' }],
        profile: 'read_only',
      });
      const mainId: string = run.mainCaseId;
      expect(await getCaseRow(c.id)).toMatchObject({ status: 'closed', outcome: 'failed_security', main_case_id: mainId });
      expect((await getCaseRow(c.id)).closing_comment).toMatch(/^No supera las preguntas de seguridad\.\n\nCerrado y vinculado al caso principal \d+\.$/);
      expect(await getCaseRow(mainId)).toMatchObject({ kind: 'main', status: 'in_progress', customer_id: s.customer.id });

      const { draft, reply } = await sendTheDraft(mainId);
      expect(draft).toMatchObject({ status: 'draft', cc: [copyOf(kind)], to: expect.stringMatching(/^[a-z0-9]{2}\*{5}@example\.test$/) });
      expect(reply.sentNow).toBe(true);
      expect(reply.runs).toMatchObject([{ status: 'done' }]);
      const main = await getCaseRow(mainId);
      const mentions = await mentionsOf(mainId);
      if (kind === 'virtual') {
        expect(main).toMatchObject({ status: 'closed', outcome: 'failed_security', queue: 'contact_centre', owner: 'staff:ana.agent' });
        expect(mentions.map((m) => [m.target_kind, m.target_id])).toEqual([['office', '8732'], ['manager', 'W8732-01']]);
        expect(mentions[0]!.text).toContain('BLOQUEO CAE');
      } else {
        expect(main).toMatchObject({ status: 'pending_customer', pending_reason: 'Se establece BLOQUEO CAE', queue: `office:${officeOf(kind)}`, owner: null });
        expect(mentions.map((m) => [m.target_kind, m.target_id])).toEqual([['office', '0123']]);
      }
      // The email leaves once, to the customer, with the office in copy.
      await deliverDue(testDeliveryDeps(r.services));
      const mails = await r.services.db.selectFrom('dev_messages').select(['recipient', 'cc', 'subject', 'body']).where('recipient', '=', s.customer.email!).execute();
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ cc: [copyOf(kind)], subject: expect.stringContaining(String(main.number)) });
      expect(mails[0]!.body).toContain('antivirus');
    });

    it.each(kinds)('no_answer (%s): after 3 attempts, online-banking and signature blocks, recent devices unlinked, main case closed after the email', async (kind) => {
      const s = await newScenario(r.services, kind);
      // A device linked an hour ago, which the customer did not have.
      await r.services.db.insertInto('devices').values({ id: randomUUID(), customer_id: s.customer.id, external_id: `new-${s.customer.id}`, name: 'New phone', platform: 'android', linked_at: new Date(r.services.clock.now().getTime() - 3_600_000) }).execute();
      const c = await newAlertCase(r.services, s.customer.id);
      expect((await agent.outcome(c.id, 'no_answer', { closingComment: 'x' })).json()).toMatchObject({ reason: 'requirements_not_met', details: { missing: ['attempts_exhausted'] } });
      await failAllAttempts(c.id);
      const res = await agent.outcome(c.id, 'no_answer', { closingComment: 'Tres intentos sin respuesta.' });
      expect(res.json()).toMatchObject({ status: 'waiting', variant: null });
      const mainId: string = res.json().mainCaseId;
      const before = await credentials(s.customer.id);
      expect(before).toEqual({ blocks: [{ target: 'access', origin: 'contact_centre' }, { target: 'signature', origin: 'contact_centre' }], profile: 'full', activeDevices: kind === 'entity' ? [] : ['Old phone'] });
      expect(await getCaseRow(c.id)).toMatchObject({ status: 'closed', main_case_id: mainId, outcome: 'no_answer' });
      expect(await mentionsOf(mainId)).toEqual([]);

      const { draft } = await sendTheDraft(mainId);
      expect(draft.cc).toEqual([copyOf(kind)]);
      expect(await getCaseRow(mainId)).toMatchObject({ status: 'closed', outcome: 'no_answer', queue: 'contact_centre', closing_comment: 'Tres intentos sin respuesta.' });
      expect((await mentionsOf(mainId)).map((m) => [m.target_kind, m.target_id])).toEqual([['office', officeOf(kind)]]);
      const drafts = await bo().selectFrom('email_drafts').select(['macro', 'status']).where('case_id', '=', mainId).execute();
      expect(drafts).toEqual([{ macro: 'no_contesta_comprometido', status: 'sent' }]);
    });

    it.each(kinds)('doubt (%s): CAE block and signature block, at any time', async (kind) => {
      const s = await newScenario(r.services, kind);
      const c = await newAlertCase(r.services, s.customer.id);
      const res = await agent.outcome(c.id, 'doubt', { closingComment: 'La voz no coincide con la de la titular.' });
      expect(res.json()).toMatchObject({ status: 'done', outcome: 'doubt' });
      expect(await credentials(s.customer.id)).toMatchObject({ blocks: [{ target: 'access', origin: 'contact_centre' }, { target: 'signature', origin: 'contact_centre' }], profile: 'full' });
      expect(await getCaseRow(c.id)).toMatchObject({ status: 'new', outcome: 'doubt', queue: 'contact_centre', main_case_id: null });
      expect(await mentionsOf(c.id)).toEqual([]);
      expect(await bo().selectFrom('email_drafts').select('id').where('case_id', '=', c.id).execute()).toEqual([]);
    });
  });

  describe('the demo customers (npm start)', () => {
    const demoCase = async (alertId: string): Promise<Case> => {
      const alert = await bo().selectFrom('alerts').select('case_id').where('source_alert_id', '=', alertId).executeTakeFirstOrThrow();
      return getCaseRow(alert.case_id);
    };
    const demoPerson = async (externalId: string, last4: string, userCode: string): Promise<Person> => ({
      customer: await r.services.db.selectFrom('customers').selectAll().where('external_id', '=', externalId).executeTakeFirstOrThrow(),
      last4,
      userCode,
    });

    it('María (branch 0123, landline): landline first, fails the questions, the case goes to her branch', async () => {
      const c = await demoCase('DEMO-FE-0001');
      const maria = await demoPerson('DEMO-C001', '2340', 'MGARCIA01');
      const panel = (await agent.request('GET', `/api/cases/${c.id}/contact`)).json();
      expect(panel.next).toMatchObject({ attemptNo: 1, suggested: { kind: 'landline', number: '+34950123456' }, allowed: [{ kind: 'landline' }] });
      expect(panel.script.lines[0]).toContain('hemos detectado operaciones sospechosas desde su Banca Electrónica');
      await identify({ kind: 'branch', answerer: maria }, c.id, false);
      expect((await bo().selectFrom('contact_attempts').select('phone').where('case_id', '=', c.id).execute())[0]!.phone).toBe('+34950123456');
      const run = (await agent.outcome(c.id, 'failed_security', { closingComment: 'Falla las preguntas.' })).json();
      const { draft } = await sendTheDraft(run.mainCaseId);
      expect(draft).toMatchObject({ to: 'ma*****@example.com', cc: ['oficina0123@example.com'] });
      expect(await getCaseRow(run.mainCaseId)).toMatchObject({ status: 'pending_customer', queue: 'office:0123', pending_reason: 'Se establece BLOQUEO CAE' });
      const inbox = await agent.request('GET', '/api/inbox?office=0123');
      expect(inbox.json().mentions.some((m: { caseId: string }) => m.caseId === run.mainCaseId)).toBe(true);
      // The branch sees it in its queue.
      const branch = new Agent(r, 'rosa', 'branch', '0123');
      expect((await branch.request('GET', `/api/cases/${run.mainCaseId}/playbook`)).json().run).toMatchObject({ status: 'done', outcome: 'failed_security' });
    });

    it('Lucía (virtual office 8732, manager): fails the questions, the case closes after the email, 8732 and her manager mentioned', async () => {
      const c = await demoCase('DEMO-FE-0002');
      const lucia = await demoPerson('DEMO-C004', '5796', 'LFERNANDEZ04');
      await identify({ kind: 'virtual', answerer: lucia }, c.id, false);
      const run = (await agent.outcome(c.id, 'failed_security', { closingComment: 'Falla las preguntas.' })).json();
      expect(run.variant).toBe('virtual');
      const { draft } = await sendTheDraft(run.mainCaseId);
      expect(draft.cc).toEqual([PLAYBOOK.virtualOffice.email]);
      expect(await getCaseRow(run.mainCaseId)).toMatchObject({ status: 'closed' });
      expect((await mentionsOf(run.mainCaseId)).map((m) => m.target_id)).toEqual(['8732', 'W8732-01']);
    });

    it('Invernaderos del Poniente (entity): Antonio, its representative, answers and confirms', async () => {
      const c = await demoCase('DEMO-FE-0003');
      const antonio = await demoPerson('DEMO-C003', '7656', 'AMARTINEZ03');
      const panel = (await agent.request('GET', `/api/cases/${c.id}/contact`)).json();
      expect(panel.representatives).toEqual([{ id: antonio.customer.id, name: antonio.customer.name, role: expect.any(String) }]);
      expect(panel.script.lines[1]).toContain('representa a Invernaderos del Poniente');
      // Who answered must be named, and be a representative.
      expect((await agent.attempt(c.id, 'answered')).json()).toMatchObject({ reason: 'answered_by_required' });
      expect((await agent.attempt(c.id, 'answered', { answeredBy: c.customer_id })).json()).toMatchObject({ reason: 'not_a_representative' });
      await identify({ kind: 'entity', answerer: antonio }, c.id, true);
      const run = (await agent.outcome(c.id, 'confirmed', { closingComment: 'Antonio Martínez confirma la operación.' })).json();
      expect(run).toMatchObject({ status: 'done', answeredBy: antonio.customer.id });
      expect(await getCaseRow(c.id)).toMatchObject({ status: 'closed', outcome: 'confirmed' });
    });

    it('David (device linked 2 h before the load): no answer unlinks that device and keeps his old one', async () => {
      const c = await demoCase('DEMO-FE-0004');
      const panel = (await agent.request('GET', `/api/cases/${c.id}/contact`)).json();
      expect(panel.phones).toEqual([{ kind: 'mobile', number: '+34691437258' }]);
      await failAllAttempts(c.id);
      expect((await agent.request('GET', `/api/cases/${c.id}/contact`)).json()).toMatchObject({ proposal: 'no_answer', attemptsLeft: 0, next: null });
      const run = (await agent.outcome(c.id, 'no_answer', { closingComment: 'No contesta.' })).json();
      expect(run.steps.find((x: { action: string }) => x.action === 'unlink_recent_devices').result.unlinked).toEqual([{ id: expect.any(String), name: 'SM-A546B' }]);
      expect((await credentials(c.customer_id)).activeDevices).toEqual(['iPhone 13 de David']);
      await sendTheDraft(run.mainCaseId);
      expect(await getCaseRow(run.mainCaseId)).toMatchObject({ status: 'closed' });
      expect((await mentionsOf(run.mainCaseId)).map((m) => m.target_id)).toEqual(['8683']);
    });
  });

  describe('contact attempts', () => {
    it('calls the landline first, then either phone; a fourth attempt is refused and no answer is proposed', async () => {
      const s = await newScenario(r.services, 'branch');
      const c = await newAlertCase(r.services, s.customer.id);
      expect((await agent.attempt(c.id, 'no_answer', { phoneKind: 'mobile' })).json()).toMatchObject({ error: 'validation', reason: 'phone_not_allowed' });
      const first = (await agent.attempt(c.id, 'no_answer')).json();
      expect(first).toMatchObject({ attempt: { attemptNo: 1, phoneKind: 'landline', phone: s.customer.landline }, attemptsLeft: 2, proposal: null });
      expect((await agent.attempt(c.id, 'busy')).json().attempt).toMatchObject({ attemptNo: 2, phoneKind: 'mobile', phone: s.customer.mobile });
      expect((await agent.attempt(c.id, 'not_holder', { phoneKind: 'mobile' })).json()).toMatchObject({ attempt: { attemptNo: 3, phoneKind: 'mobile' }, attemptsLeft: 0, proposal: 'no_answer' });
      const fourth = await agent.attempt(c.id, 'answered');
      expect(fourth.statusCode).toBe(409);
      expect(fourth.json()).toMatchObject({ reason: 'attempt_limit', message: 'Ya se han hecho los 3 intentos de contacto de esta alerta.' });
      expect(await getCaseRow(c.id)).toMatchObject({ status: 'in_progress', owner: 'staff:ana.agent' });
    });

    it('calls the mobile first when there is no landline', async () => {
      const s = await newScenario(r.services, 'virtual');
      const c = await newAlertCase(r.services, s.customer.id);
      expect((await agent.attempt(c.id, 'no_answer')).json().attempt).toMatchObject({ attemptNo: 1, phoneKind: 'mobile' });
    });

    it('records at most three attempts when four agents post at once', async () => {
      const s = await newScenario(r.services, 'branch');
      const c = await newAlertCase(r.services, s.customer.id);
      const replies = await Promise.all([1, 2, 3, 4].map(() => agent.attempt(c.id, 'no_answer')));
      expect(replies.map((x) => x.statusCode).sort()).toEqual([201, 201, 201, 409]);
      const rows = await bo().selectFrom('contact_attempts').select(['attempt_no', 'phone_kind']).where('case_id', '=', c.id).orderBy('attempt_no').execute();
      expect(rows).toEqual([{ attempt_no: 1, phone_kind: 'landline' }, { attempt_no: 2, phone_kind: 'mobile' }, { attempt_no: 3, phone_kind: 'landline' }]);
    });
  });

  describe('security questions and requirements', () => {
    it('judges answers server-side once; after a failure no new questions, and only failed_security or doubt apply', async () => {
      const s = await newScenario(r.services, 'branch');
      const c = await newAlertCase(r.services, s.customer.id);
      expect((await agent.startCheck(c.id)).json()).toMatchObject({ reason: 'no_answered_call' });
      await agent.attempt(c.id, 'answered');
      const check = (await agent.startCheck(c.id)).json();
      // The landline was dialled: its last digits are not asked.
      expect(check.questions.map((q: { id: string }) => q.id)).not.toContain('landline_last3');
      // A reload gets the same questions.
      expect((await agent.startCheck(c.id)).json().questions).toEqual(check.questions);
      expect((await agent.answer(check.id, [{ questionId: check.questions[0].id, answer: '1' }])).json()).toMatchObject({ reason: 'answers_mismatch' });
      const wrong = check.questions.map((q: { id: string }) => ({ questionId: q.id, answer: 'wrong' }));
      expect((await agent.answer(check.id, wrong)).json()).toMatchObject({ passed: false });
      expect((await agent.answer(check.id, wrong)).json()).toMatchObject({ reason: 'check_answered' });
      expect((await agent.startCheck(c.id)).json()).toMatchObject({ reason: 'check_failed_before' });
      const confirm = await agent.outcome(c.id, 'confirmed', { closingComment: 'x' });
      expect(confirm.statusCode).toBe(409);
      expect(confirm.json()).toMatchObject({ reason: 'requirements_not_met', details: { missing: ['passed_check'] } });
      const options = (await agent.request('GET', `/api/cases/${c.id}/playbook`)).json().outcomes;
      expect(options.filter((o: { available: boolean }) => o.available).map((o: { outcome: Outcome }) => o.outcome)).toEqual(['failed_security', 'doubt']);
      const audit = await r.services.db.selectFrom('audit_log').select('details').where('customer_id', '=', s.customer.id).execute();
      expect(JSON.stringify(audit)).not.toContain(s.answerer.last4);
    });

    it('needs closing comments where the outcome closes a case, and only the contact centre applies outcomes', async () => {
      const s = await newScenario(r.services, 'branch');
      const c = await newAlertCase(r.services, s.customer.id);
      await identify(s, c.id, true);
      expect((await agent.outcome(c.id, 'confirmed')).json()).toMatchObject({ reason: 'closing_comment_required' });
      // A branch user does not run the playbook (whatever the case), and does not see another queue's case.
      expect((await new Agent(r, 'rosa', 'branch', '0123').outcome(c.id, 'confirmed', { closingComment: 'x' })).json()).toMatchObject({ error: 'forbidden', reason: 'contact_centre_only' });
      const other = await new Agent(r, 'rosa', 'branch', '0123').request('GET', `/api/cases/${c.id}/contact`);
      expect(other.statusCode).toBe(404);
      expect((await agent.outcome(c.id, 'confirmed', { closingComment: 'Confirma.', answeredBy: randomUUID() })).json()).toMatchObject({ reason: 'answered_by_mismatch' });
      expect((await agent.outcome(c.id, 'confirmed', { closingComment: 'Confirma.' })).statusCode).toBe(200);
      expect((await agent.outcome(c.id, 'doubt')).json()).toMatchObject({ reason: 'outcome_already_set', details: { outcome: 'confirmed' } });
    });
  });

  describe('runs', () => {
    it('a playbook failing in its third step resumes from there without repeating steps 1 and 2', async () => {
      const s = await newScenario(r.services, 'branch');
      const c = await newAlertCase(r.services, s.customer.id);
      await identify(s, c.id, true);
      // Step 3 (read-only profile) fails: the online-banking user is not there.
      const user = await r.services.db.selectFrom('online_banking_users').selectAll().where('customer_id', '=', s.customer.id).executeTakeFirstOrThrow();
      await r.services.db.deleteFrom('online_banking_users').where('customer_id', '=', s.customer.id).execute();
      const failed = (await agent.outcome(c.id, 'not_confirmed', { closingComment: 'No la reconoce.' })).json();
      expect(failed).toMatchObject({ status: 'failed', lastError: expect.stringContaining('step 3 (set_profile_read_only) failed') });
      expect(failed.steps.map((x: { done: boolean }) => x.done)).toEqual([true, true, false, false, false, false]);
      expect(await credentials(s.customer.id)).toMatchObject({ blocks: [{ target: 'access' }, { target: 'signature' }] });
      const firstTimes = failed.steps.slice(0, 2).map((x: { doneAt: string }) => x.doneAt);

      await r.services.db.insertInto('online_banking_users').values(user).execute();
      r.services.clock.advance(60_000);
      // Resuming by its id, or by posting the same outcome again: from step 3.
      const resumed = (await agent.request('POST', `/api/playbook-runs/${failed.id}/resume`)).json();
      expect(resumed).toMatchObject({ id: failed.id, status: 'done', lastError: null });
      expect(resumed.steps.slice(0, 2).map((x: { doneAt: string }) => x.doneAt)).toEqual(firstTimes);
      expect(resumed.steps.slice(2).every((x: { doneAt: string }) => x.doneAt > firstTimes[1])).toBe(true);
      expect(await auditCount('block.created', s.customer.id)).toBe(2);
      expect(await auditCount('playbook.step_done', s.customer.id)).toBe(6);
      expect(await auditCount('playbook.step_failed', s.customer.id)).toBe(1);
      expect(await eventCount(c.id, 'playbook_step')).toBe(6);
      expect(await credentials(s.customer.id)).toMatchObject({ profile: 'read_only' });
      expect((await agent.outcome(c.id, 'not_confirmed', { closingComment: 'No la reconoce.' })).json()).toMatchObject({ id: failed.id, status: 'done' });
      expect(await auditCount('playbook.step_done', s.customer.id)).toBe(6);
    });

    it('a second outcome post racing the first changes nothing twice', async () => {
      const s = await newScenario(r.services, 'branch');
      const c = await newAlertCase(r.services, s.customer.id);
      await identify(s, c.id, false);
      const replies = await Promise.all([1, 2, 3, 4].map(() => agent.outcome(c.id, 'failed_security', { closingComment: 'Falla.' })));
      expect(replies.map((x) => x.statusCode)).toEqual([200, 200, 200, 200]);
      const [a, ...others] = replies.map((x) => x.json());
      for (const b of others) expect([b.id, b.mainCaseId, b.status]).toEqual([a.id, a.mainCaseId, 'waiting']);
      expect(await bo().selectFrom('playbook_runs').select('id').where('case_id', '=', c.id).execute()).toHaveLength(1);
      expect(await bo().selectFrom('playbook_steps').select('step_no').where('run_id', '=', a.id).execute()).toHaveLength(7);
      expect(await bo().selectFrom('cases').select('id').where('customer_id', '=', s.customer.id).where('kind', '=', 'main').execute()).toHaveLength(1);
      expect(await bo().selectFrom('email_drafts').select('id').where('case_id', '=', a.mainCaseId).execute()).toHaveLength(1);
      expect(await auditCount('block.created', s.customer.id)).toBe(2);
      expect(await auditCount('profile.set', s.customer.id)).toBe(1);
      expect(await auditCount('playbook.started', s.customer.id)).toBe(1);

      // Two sends racing send one email and finish the run once.
      const draft = (await agent.request('GET', `/api/cases/${a.mainCaseId}/drafts`)).json().drafts[0];
      const sends = await Promise.all([1, 2].map(() => agent.request('POST', `/api/drafts/${draft.id}/send`)));
      expect(sends.map((x) => x.json().sentNow).sort()).toEqual([false, true]);
      expect(await r.services.db.selectFrom('outbox').select('id').where('template', '=', 'macro.posible_cliente_comprometido').where('customer_id', '=', s.customer.id).execute()).toHaveLength(1);
      expect(await auditCount('playbook.finished', s.customer.id)).toBe(1);
      expect(await mentionsOf(a.mainCaseId)).toHaveLength(1);
    });

    it('edits a draft before sending it, and not after', async () => {
      const s = await newScenario(r.services, 'virtual');
      const c = await newAlertCase(r.services, s.customer.id);
      await failAllAttempts(c.id);
      const run = (await agent.outcome(c.id, 'no_answer', { closingComment: 'Sin respuesta.' })).json();
      const draft = (await agent.request('GET', `/api/cases/${run.mainCaseId}/drafts`)).json().drafts[0];
      expect(draft.body).toContain(s.customer.name);
      expect((await agent.request('PUT', `/api/drafts/${draft.id}`, { subject: '  ' })).json()).toMatchObject({ reason: 'draft_empty' });
      const edited = await agent.request('PUT', `/api/drafts/${draft.id}`, { body: `${draft.body}\n\nP.D. Llámenos si tiene dudas.` });
      expect(edited.json()).toMatchObject({ status: 'draft', body: expect.stringContaining('P.D.'), cc: ['oficina8732@grupocajamar.com'] });
      await agent.request('POST', `/api/drafts/${draft.id}/send`);
      expect((await agent.request('PUT', `/api/drafts/${draft.id}`, { body: 'late' })).json()).toMatchObject({ reason: 'draft_sent' });
      await deliverDue(testDeliveryDeps(r.services));
      const mail = await r.services.db.selectFrom('dev_messages').select(['body', 'cc']).where('recipient', '=', s.customer.email!).executeTakeFirstOrThrow();
      expect(mail.body).toContain('P.D. Llámenos si tiene dudas.');
      expect(mail.body.split('\n').length).toBeGreaterThan(10);
    });
  });

  describe('categories (seed 002: "Es de suma importancia categorizar el caso")', () => {
    it('closes every case of the run with the outcome’s category, the agent’s choice, or the one set before', async () => {
      // The outcome's category: on the alert case and on the main case it opens.
      const s = await newScenario(r.services, 'virtual');
      const c = await newAlertCase(r.services, s.customer.id);
      await failAllAttempts(c.id);
      const options = (await agent.request('GET', `/api/cases/${c.id}/playbook`)).json<{ outcomes: { outcome: string; category: string }[] }>().outcomes;
      expect(options.find((o) => o.outcome === 'no_answer')?.category).toBe('fraud/operation_alert/no_answer');
      const run = (await agent.outcome(c.id, 'no_answer', { closingComment: 'Tres intentos.' })).json<{ mainCaseId: string }>();
      expect(await getCaseRow(run.mainCaseId)).toMatchObject({ category: 'fraud/operation_alert/no_answer', status: 'in_progress' });
      await sendTheDraft(run.mainCaseId);
      expect(await getCaseRow(c.id)).toMatchObject({ status: 'closed', category: 'fraud/operation_alert/no_answer' });
      expect(await getCaseRow(run.mainCaseId)).toMatchObject({ status: 'closed', category: 'fraud/operation_alert/no_answer' });

      // The agent's choice in the request; a category outside the tree or a special one is refused first.
      const chosen = await newAlertCase(r.services, s.customer.id);
      expect((await agent.outcome(chosen.id, 'doubt', { category: 'fraud/operation_alert' })).json()).toMatchObject({ reason: 'unknown_category' });
      expect((await agent.outcome(chosen.id, 'doubt', { category: 'accounts/holder_change/add_holder' })).json()).toMatchObject({ reason: 'special_category' });
      expect((await agent.outcome(chosen.id, 'doubt', { category: 'fraud/duplicate/same_situation' })).json()).toMatchObject({ status: 'done' });
      expect(await getCaseRow(chosen.id)).toMatchObject({ category: 'fraud/duplicate/same_situation', status: 'new' });
      // An outcome that closes nothing leaves a categorised case the agent closes as it is.
      expect((await agent.request('POST', `/api/cases/${chosen.id}/close`, { closingComment: 'Duplicado de una alerta ya gestionada.' })).json()).toMatchObject({ status: 'closed', category: 'fraud/duplicate/same_situation' });

      // Categorised before the outcome: the run keeps it.
      const before = await newAlertCase(r.services, s.customer.id);
      expect((await agent.request('PATCH', `/api/cases/${before.id}`, { category: 'fraud/fraud_protocol/follow_up' })).statusCode).toBe(200);
      expect((await agent.outcome(before.id, 'doubt')).json()).toMatchObject({ status: 'done' });
      expect(await getCaseRow(before.id)).toMatchObject({ category: 'fraud/fraud_protocol/follow_up' });
    });
  });

  it('lists its routes in the OpenAPI document under the backoffice tag', async () => {
    const doc = (await r.app.inject('/docs/json')).json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>();
    const mine = ['/api/playbook', '/api/cases/{id}/contact', '/api/cases/{id}/contact-attempts', '/api/cases/{id}/security-checks', '/api/security-checks/{id}/answers', '/api/cases/{id}/playbook', '/api/cases/{id}/outcome', '/api/playbook-runs/{id}/resume', '/api/cases/{id}/drafts', '/api/drafts/{id}', '/api/drafts/{id}/send'];
    for (const path of mine) {
      expect(doc.paths[path], path).toBeDefined();
      for (const op of Object.values(doc.paths[path]!)) expect(op.tags).toEqual(['backoffice']);
    }
  });

  it('serves the definition beside the seed’s words', async () => {
    const res = await agent.request('GET', '/api/playbook?lang=en');
    expect(res.statusCode).toBe(200);
    const def = res.json();
    expect(def.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['confirmed', 'not_confirmed', 'failed_security', 'no_answer', 'doubt']);
    const failed = def.outcomes.find((o: { outcome: string }) => o.outcome === 'failed_security');
    expect(failed.variants.branch.map((x: { action: string }) => x.action)).toEqual(['set_pending_customer', 'assign_office_queue', 'mention_office']);
    expect(failed.steps[0]).toMatchObject({ action: 'block_cae', label: 'Contact-centre (CAE) block', seed: expect.stringContaining('establecemos BLOQUEO CAE') });
    expect((await new Agent(r).request('GET', '/api/playbook')).statusCode).toBe(200);
    expect((await r.app.inject({ method: 'GET', url: '/api/playbook' })).statusCode).toBe(401);
  });
});
