import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import { activeBlocks, createBlock } from './blocks-store.ts';
import { createOperation, findOperationByReference, holdOperation, releaseOperation } from './operations-store.ts';
import { insertCustomer } from './test-fixtures.ts';

describeEachDatabase('operations store', (backend) => {
  let database: TestDatabase;
  let deps: ReturnType<typeof testServices>;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    deps = testServices(database);
  });
  afterAll(() => database.drop());

  const transfer = (customerId: string) =>
    ({ customerId, kind: 'transfer', description: 'Transfer to J. Pérez', details: { iban: 'ES91 2100 0418 4502 0005 1332' }, amountCents: 125_000, currency: 'EUR', beneficiary: 'J. Pérez', status: 'pending_signature', by: 'web' }) as const;

  it('creates operations with unique 8-digit references not starting with 0', async () => {
    const c = await insertCustomer(database.db);
    const ops = await Promise.all(Array.from({ length: 20 }, () => createOperation(database.db, deps, transfer(c.id))));
    for (const op of ops) expect(op.reference).toMatch(/^[1-9]\d{7}$/);
    expect(new Set(ops.map((o) => o.reference)).size).toBe(20);
    expect(ops[0]).toMatchObject({ amount_cents: 125_000, currency: 'EUR', status: 'pending_signature', details: { iban: 'ES91 2100 0418 4502 0005 1332' } });
  });

  it('draws another reference when one is taken, and gives up after a few collisions', async () => {
    const c = await insertCustomer(database.db);
    const first = await createOperation(database.db, deps, transfer(c.id));
    const drawn = [first.reference, first.reference, '98765432'];
    const second = await createOperation(database.db, { ...deps, newReference: () => drawn.shift()! }, transfer(c.id));
    expect(second.reference).toBe('98765432');
    expect(drawn).toEqual([]);
    await expect(createOperation(database.db, { ...deps, newReference: () => first.reference }, transfer(c.id))).rejects.toMatchObject({ code: 'unavailable' });
    const mine = await database.db.selectFrom('operations').select('reference').where('customer_id', '=', c.id).execute();
    expect(mine).toHaveLength(2);
  });

  it('finds an operation by reference only for its own customer', async () => {
    const c = await insertCustomer(database.db);
    const other = await insertCustomer(database.db);
    const op = await createOperation(database.db, deps, transfer(c.id));
    expect((await findOperationByReference(database.db, c.id, op.reference))?.id).toBe(op.id);
    expect(await findOperationByReference(database.db, other.id, op.reference)).toBeUndefined();
    expect(await findOperationByReference(database.db, c.id, '0123')).toBeUndefined();
  });

  it('holds with a fraud-rule block and releases from self-service back to pending signature', async () => {
    const c = await insertCustomer(database.db);
    const op = await createOperation(database.db, deps, transfer(c.id));
    const held = await holdOperation(database.db, deps, { operationId: op.id, reason: 'new beneficiary, large amount', by: 'system' });
    expect(held).toMatchObject({ status: 'held', held_reason: 'new beneficiary, large amount' });
    expect(await activeBlocks(database.db, c.id)).toMatchObject([{ target: 'operation', subject_id: op.id, origin: 'fraud_rule' }]);
    const res = await releaseOperation(database.db, deps, { operationId: op.id, channel: 'ivr', by: 'ivr' });
    expect(res.released).toBe(true);
    expect(res.operation).toMatchObject({ status: 'pending_signature', held_reason: null });
    expect(await activeBlocks(database.db, c.id)).toEqual([]);
  });

  it('keeps an operation held when a branch block on it remains', async () => {
    const c = await insertCustomer(database.db);
    const op = await createOperation(database.db, deps, { ...transfer(c.id), status: 'held', heldReason: 'rule 7' });
    await createBlock(database.db, deps, { customerId: c.id, target: 'operation', subjectId: op.id, origin: 'office', reason: 'branch review', by: 'office:1' });
    const res = await releaseOperation(database.db, deps, { operationId: op.id, channel: 'web', by: 'web' });
    expect(res.released).toBe(false);
    expect(res.operation.status).toBe('held');
    expect((await activeBlocks(database.db, c.id)).map((b) => b.origin)).toEqual(['office']);
  });

  it('refuses bad money, a held operation without reason and unknown ids', async () => {
    const c = await insertCustomer(database.db);
    await expect(createOperation(database.db, deps, { ...transfer(c.id), amountCents: -1 })).rejects.toMatchObject({ code: 'validation' });
    await expect(createOperation(database.db, deps, { ...transfer(c.id), currency: 'eur' })).rejects.toMatchObject({ code: 'validation' });
    await expect(createOperation(database.db, deps, { ...transfer(c.id), currency: null })).rejects.toMatchObject({ code: 'validation' });
    await expect(createOperation(database.db, deps, { ...transfer(c.id), status: 'held' })).rejects.toMatchObject({ code: 'validation' });
    await expect(holdOperation(database.db, deps, { operationId: 'nope', reason: 'x', by: 'system' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
