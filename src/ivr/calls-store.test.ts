import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { newCallState } from './call.ts';
import { closeCall, findCall, insertCall, lockCall, saveTurn } from './calls-store.ts';
import { unlockLine } from './flow.ts';
import { newCallSid } from './test-phone.ts';

describeEachDatabase('IVR call records', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.drop());

  const now = new Date('2026-01-15T10:00:00Z');
  const record = async () => {
    const { line, state } = newCallState(unlockLine, { to: '+34950183313', from: '+34600111222' });
    const callSid = newCallSid();
    expect(await insertCall(database.db, { callSid, line, from: state.from, to: '+34950183313', state, now })).toBe(true);
    return { callSid, state };
  };

  it('records a call once, however often its start is retried', async () => {
    const { callSid, state } = await record();
    expect(await insertCall(database.db, { callSid, line: 'unlock', from: null, to: 'x', state, now })).toBe(false);
    expect(await findCall(database.db, callSid)).toMatchObject({ call_sid: callSid, turn: 0, version: 0, line: 'unlock', from_number: '+34600111222', state });
  });

  it('stores a turn only over the version it read, so a stale writer loses', async () => {
    const { callSid, state } = await record();
    const turn = { callSid, version: 0, state: { ...state, path: ['language'] }, turn: 1, key: 'turn:0', response: '<Response/>', now };
    expect(await saveTurn(database.db, turn)).toBe(true);
    expect(await saveTurn(database.db, { ...turn, key: 'turn:0-again' })).toBe(false);
    expect(await findCall(database.db, callSid)).toMatchObject({ version: 1, turn: 1, last_key: 'turn:0', last_response: '<Response/>' });
    expect(await database.db.transaction().execute((tx) => lockCall(tx, callSid, 0))).toBe(false);
    expect(await database.db.transaction().execute((tx) => lockCall(tx, callSid, 1))).toBe(true);
  });

  it('closes a call once', async () => {
    const { callSid, state } = await record();
    const end = { callSid, version: 0, state: { ...state, status: 'ended' as const, outcome: 'abandoned' as const }, providerStatus: 'completed', durationSeconds: 12, now };
    expect(await closeCall(database.db, end)).toBe(true);
    expect(await closeCall(database.db, { ...end, version: 1 })).toBe(false);
    expect(await findCall(database.db, callSid)).toMatchObject({ outcome: 'abandoned', duration_seconds: 12, provider_status: 'completed', version: 1 });
  });
});
