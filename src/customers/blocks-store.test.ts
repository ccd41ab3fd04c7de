import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import { activeBlocks, createBlock, hasContactCentreBlock, liftBlocks } from './blocks-store.ts';
import { insertCustomer } from './test-fixtures.ts';

describeEachDatabase('blocks store', (backend) => {
  let database: TestDatabase;
  let deps: ReturnType<typeof testServices>;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    deps = testServices(database);
  });
  afterAll(() => database.drop());

  it('records a block once per customer, target, subject and origin, with an audit row', async () => {
    const c = await insertCustomer(database.db);
    const input = { customerId: c.id, target: 'access', origin: 'failed_attempts', reason: 'password attempts', by: 'system' } as const;
    const [a, b] = await Promise.all([createBlock(database.db, deps, input), createBlock(database.db, deps, input)]);
    expect(a.id).toBe(b.id);
    const again = await createBlock(database.db, deps, input);
    expect(again.id).toBe(a.id);
    expect(await activeBlocks(database.db, c.id)).toHaveLength(1);
    const other = await createBlock(database.db, deps, { ...input, origin: 'contact_centre' });
    expect(other.id).not.toBe(a.id);
    const audits = await database.db.selectFrom('audit_log').select('action').where('customer_id', '=', c.id).execute();
    expect(audits.map((r) => r.action)).toEqual(['block.created', 'block.created']);
  });

  it('refuses to lift a contact-centre block from the IVR or the web, and lifts it from a branch', async () => {
    const c = await insertCustomer(database.db);
    await createBlock(database.db, deps, { customerId: c.id, target: 'access', origin: 'contact_centre', reason: 'alert not confirmed', by: 'agent:7' });
    const failed = await createBlock(database.db, deps, { customerId: c.id, target: 'access', origin: 'failed_attempts', reason: 'password attempts', by: 'system' });
    expect(await hasContactCentreBlock(database.db, c.id)).toBe(true);

    for (const channel of ['ivr', 'web'] as const) {
      const res = await liftBlocks(database.db, deps, { customerId: c.id, target: 'access', channel, by: channel });
      expect(res.kept.map((b) => b.origin)).toEqual(['contact_centre']);
      expect(res.lifted.map((b) => b.id)).toEqual(channel === 'ivr' ? [failed.id] : []);
    }
    expect(await hasContactCentreBlock(database.db, c.id)).toBe(true);

    const atBranch = await liftBlocks(database.db, deps, { customerId: c.id, target: 'access', channel: 'office', by: 'office:0001' });
    expect(atBranch.lifted.map((b) => b.origin)).toEqual(['contact_centre']);
    expect(atBranch.lifted[0]).toMatchObject({ lifted_by: 'office:0001', lifted_channel: 'office' });
    expect(atBranch.kept).toEqual([]);
    expect(await hasContactCentreBlock(database.db, c.id)).toBe(false);
    expect(await activeBlocks(database.db, c.id)).toEqual([]);
  });

  it('lifts only the named subject and leaves other targets alone', async () => {
    const c = await insertCustomer(database.db);
    const base = { customerId: c.id, target: 'operation', origin: 'fraud_rule', reason: 'rule 12', by: 'system' } as const;
    await createBlock(database.db, deps, { ...base, subjectId: 'op-1' });
    await createBlock(database.db, deps, { ...base, subjectId: 'op-2' });
    await createBlock(database.db, deps, { customerId: c.id, target: 'signature', origin: 'failed_attempts', reason: 'codes', by: 'system' });
    const res = await liftBlocks(database.db, deps, { customerId: c.id, target: 'operation', subjectId: 'op-1', channel: 'web', by: 'web' });
    expect(res.lifted.map((b) => b.subject_id)).toEqual(['op-1']);
    const left = await activeBlocks(database.db, c.id);
    expect(left.map((b) => `${b.target}:${b.subject_id ?? ''}`).sort()).toEqual(['operation:op-2', 'signature:']);
  });

  it('allows a new block once the previous one was lifted', async () => {
    const c = await insertCustomer(database.db);
    const input = { customerId: c.id, target: 'signature', origin: 'failed_attempts', reason: 'codes', by: 'system' } as const;
    const first = await createBlock(database.db, deps, input);
    await liftBlocks(database.db, deps, { customerId: c.id, target: 'signature', channel: 'ivr', by: 'ivr' });
    const second = await createBlock(database.db, deps, input);
    expect(second.id).not.toBe(first.id);
    expect(await activeBlocks(database.db, c.id)).toHaveLength(1);
  });
});
