import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { newCallState } from './call.ts';
import { closeCall, closeFinishedCall, findCall, insertCall, lockCall, saveTurn } from './calls-store.ts';
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

  it('records a call with turn 0 played as saveTurn would have left it', async () => {
    const { line, state } = newCallState(unlockLine, { to: '+34950183313', from: '+34600111222' });
    const callSid = newCallSid();
    const played = { ...state, path: ['language'] };
    expect(await insertCall(database.db, { callSid, line, from: state.from, to: '+34950183313', state: played, now, played: { key: 'turn:0', response: '<Response/>' } })).toBe(true);
    expect(await findCall(database.db, callSid)).toMatchObject({ version: 1, turn: 1, last_key: 'turn:0', last_response: '<Response/>', state: played, ended_at: null });
    expect(await insertCall(database.db, { callSid, line, from: null, to: 'x', state, now })).toBe(false);
  });

  it('closes a call the flow finished in one statement, once, and leaves an unfinished call to closeCall', async () => {
    const { callSid, state } = await record();
    const end = { callSid, providerStatus: 'completed', durationSeconds: null, now: new Date(now.getTime() + 95_400) };
    expect(await closeFinishedCall(database.db, end)).toBe(false);
    const ended = { ...state, status: 'ended' as const, outcome: 'resolved' as const };
    expect(await saveTurn(database.db, { callSid, version: 0, state: ended, turn: 1, key: 'turn:0', response: '<Response/>', now })).toBe(true);
    expect(await closeFinishedCall(database.db, end)).toBe(true);
    expect(await closeFinishedCall(database.db, { ...end, durationSeconds: 3 })).toBe(false);
    expect(await findCall(database.db, callSid)).toMatchObject({ outcome: 'resolved', duration_seconds: 95, provider_status: 'completed', version: 2, ended_at: now, state: ended });
  });
});
