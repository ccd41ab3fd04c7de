import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent } from '../backoffice/playbook/test-support.ts';
import { blockedAtBranch } from '../backoffice/unlock/test-support.ts';
import { loadDemoData } from '../demo/load.ts';
import { ivrApp, type IvrTestApp } from '../ivr/test-fixtures.ts';
import { provisioningDeps } from '../provisioning/deps.ts';
import { Browser } from '../selfservice/test-support.ts';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';

interface Item {
  kind: string;
  at: string;
  data: Record<string, unknown>;
}

/** The customer page's API: the state with the actions a role allows, and the history, scoped like cases. */
describeEachDatabase('console: the customer page', (backend) => {
  let database: TestDatabase;
  let ivr: IvrTestApp;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    ivr = await ivrApp(database, { 'web.captchaMaxNumber': 1000 });
    await loadDemoData(ivr.services.db, provisioningDeps(ivr.services, 'system'));
  });
  afterAll(async () => {
    await ivr?.close();
    await database?.drop();
  });

  it('shows the state and the history, newest first, and the ways back each role may take', async () => {
    const agent = new Agent(ivr);
    const olga = new Agent(ivr, 'olga', 'branch', '0123');
    const { scenario, caseId } = await blockedAtBranch(ivr.services, agent);
    const c = scenario.customer;
    // The customer tries the IVR (wrong PIN) and the web recovery in between.
    ivr.services.clock.advance(60_000);
    const phone = ivr.phone('+34950979971', c.mobile);
    await phone.dial();
    await phone.walk(['1', c.document_number.slice(0, 8), scenario.answerer.last4, '0000']);
    ivr.services.clock.advance(60_000);
    await new Browser(ivr.app).start({ document: c.document_number, pan: '4517812000012340', pin: '0000' });

    // Another office's branch user does not see the customer at all.
    expect((await new Agent(ivr, 'jose', 'branch', '8683').request('GET', `/api/customers/${c.id}`)).statusCode).toBe(404);
    expect((await new Agent(ivr, 'jose', 'branch', '8683').request('GET', `/api/customers/${c.id}/history`)).statusCode).toBe(404);

    const state = (await olga.request('GET', `/api/customers/${c.id}`)).json();
    expect(state.customer).toMatchObject({ id: c.id, name: c.name, officeCode: '0123', document: { masked: `*****${c.document_number.slice(-4)}` } });
    expect(JSON.stringify(state)).not.toContain(c.document_number);
    expect(state.onlineBanking).toMatchObject({ profile: 'read_only', profileOrigin: 'contact_centre' });
    expect(state.blocks.map((b: { target: string; origin: string; by: string }) => [b.target, b.origin, b.by]).sort()).toEqual([
      ['access', 'contact_centre', 'staff:ana.agent'],
      ['signature', 'contact_centre', 'staff:ana.agent'],
    ]);
    expect(state.cards).toMatchObject([{ last4: scenario.answerer.last4, pinBlocked: false, failedPinAttempts: 1 }]);
    expect(state.openCases).toMatchObject([{ id: caseId, status: 'pending_customer', queue: 'office:0123' }]);
    expect(state.actions).toEqual({
      branchUnlock: { allowed: true, refusal: null, steps: ['lift_cae', 'lift_signature', 'restore_profile'], fourEyes: false, pendingRequestId: null },
      pinUnblock: { allowed: true, refusal: null, caseId: null },
    });
    const asAgent = (await agent.request('GET', `/api/customers/${c.id}`)).json();
    expect(asAgent.actions).toMatchObject({ branchUnlock: { allowed: false, refusal: 'branch_only' }, pinUnblock: { allowed: false, refusal: 'security_check_required' } });
    // The main case moved to the office: the agent no longer sees it among the open cases.
    expect(asAgent.openCases).toEqual([]);

    const history = (await olga.request('GET', `/api/customers/${c.id}/history`)).json().items as Item[];
    expect(history.map((i) => i.at)).toEqual([...history.map((i) => i.at)].sort().reverse());
    const kinds = history.map((i) => i.kind);
    expect(kinds.slice(0, 2)).toEqual(['recovery', 'ivr_call']);
    expect(history[0]!.data).toEqual({ step: 'identification_failed' });
    expect(history[1]!.data).toMatchObject({ line: 'signature', actions: ['ivr.verification_failed'] });
    const cases = history.filter((i) => i.kind === 'case');
    // Both opened at the same moment (the test clock stands still): compared as a set.
    expect(cases.map((i) => [i.data.caseKind, i.data.visible]).sort()).toEqual([
      ['alert', false],
      ['main', true],
    ]);
    expect(history.filter((i) => i.kind === 'block_set')).toHaveLength(2);

    // After the branch unlock: the lifts and the unlock join the history, on top.
    ivr.services.clock.advance(60_000);
    const unlocked = await olga.request('POST', `/api/customers/${c.id}/unlock`, { document: { type: 'DNI', number: c.document_number }, caseId });
    expect(unlocked.statusCode).toBe(200);
    const after = (await olga.request('GET', `/api/customers/${c.id}/history?limit=3`)).json().items as Item[];
    expect(after.map((i) => i.kind).sort()).toEqual(['block_lifted', 'block_lifted', 'unlock']);
    expect(after.find((i) => i.kind === 'unlock')!.data).toMatchObject({ status: 'done', requestedBy: 'staff:olga', caseId });
    expect(after.find((i) => i.kind === 'block_lifted')!.data).toMatchObject({ origin: 'contact_centre', by: 'staff:olga', channel: 'office' });
    expect((await olga.request('GET', `/api/customers/${c.id}`)).json().actions.branchUnlock).toMatchObject({ allowed: false, refusal: 'nothing_to_unlock' });
  });
});
