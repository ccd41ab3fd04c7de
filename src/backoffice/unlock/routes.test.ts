import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../demo/load.ts';
import { buildApp } from '../../http/app.ts';
import { provisioningDeps } from '../../provisioning/deps.ts';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../../test/helpers/db.ts';
import { Agent, playbookApp, type PlaybookTestApp } from '../playbook/test-support.ts';
import type { BackofficeTables } from '../schema.ts';
import { blockedAtBranch, signsIn } from './test-support.ts';

/**
 * Seed 002's "las instrucciones que debe seguir la oficina para proceder al desbloqueo del
 * cliente", inside the product: the contact centre blocks a branch customer, the branch
 * identifies them in person and unlocks, with and without four-eyes, and the customer signs in
 * to online banking again with the full profile.
 */
for (const fourEyes of [false, true]) {
  describeEachDatabase(`branch unlock (four-eyes ${fourEyes ? 'on' : 'off'})`, (backend) => {
    let database: TestDatabase;
    let r: PlaybookTestApp;
    const agent = () => new Agent(r);
    const olga = () => new Agent(r, 'olga', 'branch', '0123');
    beforeAll(async () => {
      database = await freshDatabase(backend);
      r = await playbookApp(testServices(database, { 'backoffice.branchUnlock.fourEyes': fourEyes }));
      await loadDemoData(r.services.db, provisioningDeps(r.services, 'system'));
    });
    afterAll(async () => {
      await r?.close();
      await database?.drop();
    });
    const db = () => r.services.db;
    const bo = () => db().withTables<BackofficeTables>();
    const activeBlocks = (customerId: string) => db().selectFrom('blocks').select(['target', 'origin']).where('customer_id', '=', customerId).where('lifted_at', 'is', null).orderBy('target').execute();
    const unlock = (who: Agent, customerId: string, body: object) => who.request('POST', `/api/customers/${customerId}/unlock`, body);

    it('identifies the customer in person, lifts each block as its own step, tells them, closes the case; they sign in again', async () => {
      const { scenario, caseId } = await blockedAtBranch(r.services, agent());
      const customer = scenario.customer;
      expect(await activeBlocks(customer.id)).toEqual([{ target: 'access', origin: 'contact_centre' }, { target: 'signature', origin: 'contact_centre' }]);
      expect(await signsIn(r, scenario.answerer.userCode)).toEqual({ status: 403, reason: 'visit_branch' });
      expect(await bo().selectFrom('cases').select(['status', 'queue']).where('id', '=', caseId).executeTakeFirstOrThrow()).toEqual({ status: 'pending_customer', queue: 'office:0123' });

      // Only a branch user, of the customer's office, with the customer's own document.
      const doc = { type: 'DNI', number: customer.document_number };
      expect((await unlock(agent(), customer.id, { document: doc, caseId })).json()).toMatchObject({ reason: 'branch_only' });
      expect((await unlock(new Agent(r, 'jose', 'branch', '8683'), customer.id, { document: doc })).statusCode).toBe(404);
      const wrong = await unlock(olga(), customer.id, { document: { type: 'DNI', number: '00000000T' }, caseId });
      expect(wrong.json()).toMatchObject({ reason: 'document_mismatch' });
      expect(await db().selectFrom('audit_log').select('actor').where('action', '=', 'unlock.identification_failed').where('customer_id', '=', customer.id).execute()).toEqual([{ actor: 'staff:olga' }]);

      const asked = await unlock(olga(), customer.id, { document: { type: 'DNI', number: customer.document_number.toLowerCase() }, caseId, note: 'DNI original visto en ventanilla' });
      expect(asked.statusCode).toBe(200);
      expect(asked.json()).toMatchObject({ performed: !fourEyes, request: { status: fourEyes ? 'pending' : 'done', caseId, document: { type: 'DNI', masked: `*****${customer.document_number.slice(-4)}` }, requestedBy: 'staff:olga' } });
      const requestId = asked.json().request.id as string;

      if (fourEyes) {
        // Nothing is lifted until a second person approves.
        expect(await activeBlocks(customer.id)).toHaveLength(2);
        expect(await signsIn(r, scenario.answerer.userCode)).toMatchObject({ status: 403 });
        expect((await unlock(olga(), customer.id, { document: doc })).json()).toMatchObject({ reason: 'unlock_pending' });
        const queue = (await new Agent(r, 'pilar', 'branch', '0123').request('GET', '/api/unlock-requests?status=pending')).json();
        expect(queue.requests.map((q: { id: string }) => q.id)).toEqual([requestId]);
        expect((await new Agent(r, 'jose', 'branch', '8683').request('GET', '/api/unlock-requests?status=pending')).json().requests).toEqual([]);
        expect((await agent().request('GET', '/api/unlock-requests')).json()).toMatchObject({ reason: 'approval_not_allowed' });
        expect((await olga().request('POST', `/api/unlock-requests/${requestId}/approve`)).json()).toMatchObject({ reason: 'own_request' });
        expect((await new Agent(r, 'jose', 'branch', '8683').request('POST', `/api/unlock-requests/${requestId}/approve`)).json()).toMatchObject({ reason: 'request_not_found' });
        const approved = await new Agent(r, 'pilar', 'branch', '0123').request('POST', `/api/unlock-requests/${requestId}/approve`);
        expect(approved.json()).toMatchObject({ performed: true, request: { status: 'done', decidedBy: 'staff:pilar' } });
        expect((await new Agent(r, 'sergio', 'supervisor').request('POST', `/api/unlock-requests/${requestId}/approve`)).json()).toMatchObject({ reason: 'request_decided' });
      }

      expect(await activeBlocks(customer.id)).toEqual([]);
      const lifted = await db().selectFrom('blocks').select(['lifted_channel', 'lifted_by']).where('customer_id', '=', customer.id).execute();
      expect(lifted.every((b) => b.lifted_channel === 'office' && b.lifted_by === (fourEyes ? 'staff:pilar' : 'staff:olga'))).toBe(true);
      const c = await bo().selectFrom('cases').select(['status', 'category', 'closing_comment']).where('id', '=', caseId).executeTakeFirstOrThrow();
      expect(c).toMatchObject({ status: 'closed', category: 'online_banking/credentials/contact_centre_block' });
      expect(c.closing_comment).toContain('Desbloqueo en oficina 0123');
      const events = (await bo().selectFrom('case_events').select(['type', 'data']).where('case_id', '=', caseId).orderBy('id').execute()).map((e) => e.type);
      const tail = ['unlock_identified', ...(fourEyes ? ['unlock_requested', 'unlock_approved'] : []), 'unlock_step_done', 'unlock_step_done', 'unlock_step_done', 'unlock_customer_notified', 'categorised', 'closed'];
      expect(events.slice(-tail.length)).toEqual(tail);
      const steps = await db().selectFrom('audit_log').select('details').where('action', '=', 'unlock.step_done').where('customer_id', '=', customer.id).orderBy('id').execute();
      expect(steps.map((s) => (s.details as { step: string }).step)).toEqual(['lift_cae', 'lift_signature', 'restore_profile']);
      const sms = await db().selectFrom('outbox').select('template').where('customer_id', '=', customer.id).where('template', '=', 'sms.access_restored').execute();
      expect(sms).toHaveLength(1);

      // The customer is back: online banking with the full profile.
      expect(await signsIn(r, scenario.answerer.userCode)).toEqual({ status: 200, profile: 'full' });
      // And nothing is left to unlock.
      expect((await unlock(olga(), customer.id, { document: doc })).json()).toMatchObject({ reason: 'nothing_to_unlock' });

      // The case the branch closed has its own way back: a supervisor sees it and reopens it.
      const sergio = new Agent(r, 'sergio', 'supervisor');
      expect((await sergio.request('GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
      const reopened = await sergio.request('POST', `/api/cases/${caseId}/reopen`, { reason: 'El cliente dice que no fue a la oficina.' });
      expect(reopened.json()).toMatchObject({ status: 'in_progress', closedAt: null });
      // An agent of the contact centre still sees only its own queue.
      expect((await agent().request('GET', `/api/cases/${caseId}`)).statusCode).toBe(404);
    });

    if (fourEyes) {
      it('records a rejected request, lifts nothing, and lets a supervisor approve the next one', async () => {
        const { scenario, caseId } = await blockedAtBranch(r.services, agent());
        const doc = { type: 'DNI', number: scenario.customer.document_number };
        const first = (await unlock(olga(), scenario.customer.id, { document: doc, caseId })).json().request.id as string;
        expect((await agent().request('POST', `/api/unlock-requests/${first}/reject`, { reason: 'x' })).json()).toMatchObject({ reason: 'request_not_found' });
        const rejected = await new Agent(r, 'sergio', 'supervisor').request('POST', `/api/unlock-requests/${first}/reject`, { reason: 'La fotocopia del DNI no basta: debe traer el original.' });
        expect(rejected.json()).toMatchObject({ performed: false, request: { status: 'rejected', decidedBy: 'staff:sergio', decisionReason: 'La fotocopia del DNI no basta: debe traer el original.' } });
        expect(await activeBlocks(scenario.customer.id)).toHaveLength(2);
        expect((await bo().selectFrom('case_events').select('type').where('case_id', '=', caseId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).type).toBe('unlock_rejected');
        expect((await new Agent(r, 'pilar', 'branch', '0123').request('POST', `/api/unlock-requests/${first}/approve`)).json()).toMatchObject({ reason: 'request_decided' });
        const second = (await unlock(olga(), scenario.customer.id, { document: doc, caseId })).json().request.id as string;
        expect((await new Agent(r, 'sergio', 'supervisor').request('POST', `/api/unlock-requests/${second}/approve`)).json()).toMatchObject({ request: { status: 'done' } });
        expect(await signsIn(r, scenario.answerer.userCode)).toEqual({ status: 200, profile: 'full' });
      });
    } else {
      describe('from the customer page, without a case', () => {
        it('unlocks the demo customer the contact centre blocked (CAE and CONSULTAS) and records it in the audit only', async () => {
          const javier = await db().selectFrom('customers').selectAll().where('external_id', '=', 'DEMO-C005').executeTakeFirstOrThrow();
          const jose = new Agent(r, 'jose', 'branch', '8683');
          const res = await unlock(jose, javier.id, { document: { type: 'DNI', number: javier.document_number } });
          expect(res.json()).toMatchObject({ performed: true, request: { caseId: null, status: 'done', result: { caseClosed: false } } });
          expect((res.json().request.result.steps as { step: string }[]).map((s) => s.step)).toEqual(['lift_cae', 'restore_profile']);
          const actions = (await db().selectFrom('audit_log').select('action').where('subject', '=', `unlock:${res.json().request.id}`).orderBy('id').execute()).map((a) => a.action);
          expect(actions).toEqual(['unlock.identified', 'unlock.step_done', 'unlock.step_done', 'unlock.customer_notified']);
          expect((await new Agent(r).request('GET', '/api/unlock-requests')).statusCode).toBe(403);
          expect(await signsIn(r, 'JMORENO05', 'Javier.Demo2026')).toEqual({ status: 200, profile: 'full' });
        });
      });
    }
  });
}

describeEachDatabase('branch unlock configuration', (backend) => {
  it('stops the start when the closing category is not a leaf of the tree', async () => {
    const database = await freshDatabase(backend);
    try {
      for (const category of ['online_banking/credentials', 'accounts/limit_change/card_limit']) {
        const start = async () => (await buildApp(testServices(database, { 'backoffice.branchUnlock.category': category }), { logger: false })).ready();
        await expect(start()).rejects.toThrow(/backoffice\.branchUnlock\.category/);
      }
    } finally {
      await database.drop();
    }
  });
});
