import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import { issueCode, readLiveCode, refreshCodeAttempts, sweepSealedCodes, verifyCode } from './codes-store.ts';
import { insertCustomer } from './test-fixtures.ts';

/** A code of the same length that is certainly not `code`. */
const wrong = (code: string) => code.slice(0, -1) + String((Number(code.slice(-1)) + 1) % 10);

describeEachDatabase('one-time codes store', (backend) => {
  let database: TestDatabase;
  let deps: ReturnType<typeof testServices>;
  let customerId: string;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    deps = testServices(database);
    customerId = (await insertCustomer(database.db)).id;
  });
  afterAll(() => database.drop());

  const subject = () => `operation:${crypto.randomUUID()}`;

  it('issues digits from the configuration, stores only a hash, and accepts the code once', async () => {
    const s = subject();
    const issued = await issueCode(database.db, deps, { purpose: 'signing', subject: s, customerId });
    expect(issued.code).toMatch(new RegExp(`^\\d{${deps.config.limits.codeDigits}}$`));
    const row = await database.db.selectFrom('one_time_codes').selectAll().where('id', '=', issued.id).executeTakeFirstOrThrow();
    expect(row.code_hash).not.toContain(issued.code);
    expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: s, code: issued.code })).toBe('ok');
    expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: s, code: issued.code })).toBe('not_found');
    const audits = await database.db.selectFrom('audit_log').select(['action', 'details']).where('subject', '=', s).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['code.issued', 'code.consumed']);
    expect(JSON.stringify(audits)).not.toContain(issued.code);
  });

  it('expires after its lifetime, capped at ten minutes', async () => {
    const s = subject();
    const issued = await issueCode(database.db, deps, { purpose: 'recovery', subject: s, ttlSeconds: 3600 });
    expect(issued.expiresAt.getTime() - deps.clock.now().getTime()).toBe(600_000);
    deps.clock.advance(600_000);
    expect(await verifyCode(database.db, deps, { purpose: 'recovery', subject: s, code: issued.code })).toBe('expired');
  });

  it('counts every attempt and is exhausted at the limit, even for the right code afterwards', async () => {
    const s = subject();
    const { code } = await issueCode(database.db, deps, { purpose: 'unlock', subject: s, customerId });
    const limit = deps.config.limits.codeAttempts;
    const results = [];
    for (let i = 0; i < limit; i++) results.push(await verifyCode(database.db, deps, { purpose: 'unlock', subject: s, code: wrong(code) }));
    expect(results).toEqual([...Array<string>(limit - 1).fill('invalid'), 'exhausted']);
    expect(await verifyCode(database.db, deps, { purpose: 'unlock', subject: s, code })).toBe('exhausted');
  });

  it('keeps the failed count across a resend and retires the earlier code', async () => {
    const s = subject();
    const first = await issueCode(database.db, deps, { purpose: 'signing', subject: s, maxAttempts: 3 });
    expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: s, code: wrong(first.code) })).toBe('invalid');
    expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: s, code: wrong(first.code) })).toBe('invalid');
    const second = await issueCode(database.db, deps, { purpose: 'signing', subject: s, maxAttempts: 3 });
    if (second.code !== first.code) {
      expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: s, code: first.code })).toBe('exhausted');
    } else {
      expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: s, code: wrong(second.code) })).toBe('exhausted');
    }
    expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: s, code: second.code })).toBe('exhausted');
  });

  it('keeps a readable code sealed while it lives, reads it back, and clears it when used, replaced or expired', async () => {
    const s = subject();
    const first = await issueCode(database.db, deps, { purpose: 'signing', subject: s, customerId, readable: true });
    const sealed = await database.db.selectFrom('one_time_codes').select('sealed_code').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(sealed.sealed_code).not.toBeNull();
    expect(sealed.sealed_code).not.toContain(first.code);
    expect(await readLiveCode(database.db, deps, 'signing', s)).toMatchObject({ id: first.id, code: first.code });
    // Replaced: the first code's digits are gone, the second's read.
    const second = await issueCode(database.db, deps, { purpose: 'signing', subject: s, customerId, readable: true });
    expect((await database.db.selectFrom('one_time_codes').select('sealed_code').where('id', '=', first.id).executeTakeFirstOrThrow()).sealed_code).toBeNull();
    expect(await readLiveCode(database.db, deps, 'signing', s)).toMatchObject({ id: second.id, code: second.code });
    // Used: nothing live to read.
    expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: s, code: second.code })).toBe('ok');
    expect(await readLiveCode(database.db, deps, 'signing', s)).toBeUndefined();
    // Expired: not read, and swept.
    const t = subject();
    const third = await issueCode(database.db, deps, { purpose: 'signing', subject: t, customerId, readable: true, ttlSeconds: 60 });
    expect(await sweepSealedCodes(database.db, deps.clock.now())).toBe(0);
    deps.clock.advance(60_000);
    expect(await readLiveCode(database.db, deps, 'signing', t)).toBeUndefined();
    expect(await sweepSealedCodes(database.db, deps.clock.now())).toBeGreaterThanOrEqual(1);
    expect((await database.db.selectFrom('one_time_codes').select('sealed_code').where('id', '=', third.id).executeTakeFirstOrThrow()).sealed_code).toBeNull();
    // A code issued without `readable` keeps no digits at all.
    const plain = await issueCode(database.db, deps, { purpose: 'signing', subject: subject(), customerId });
    expect((await database.db.selectFrom('one_time_codes').select('sealed_code').where('id', '=', plain.id).executeTakeFirstOrThrow()).sealed_code).toBeNull();
  });

  it('gives the live codes of a purpose a fresh set of tries, audited, and leaves spent and other codes alone', async () => {
    const other = (await insertCustomer(database.db)).id;
    const s = subject();
    const { code } = await issueCode(database.db, deps, { purpose: 'signing', subject: s, customerId: other, maxAttempts: 2 });
    const u = subject();
    const elsewhere = await issueCode(database.db, deps, { purpose: 'unlock', subject: u, customerId: other, maxAttempts: 2 });
    expect(await verifyCode(database.db, deps, { purpose: 'unlock', subject: u, code: wrong(elsewhere.code) })).toBe('invalid');
    expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: s, code: wrong(code) })).toBe('invalid');
    expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: s, code: wrong(code) })).toBe('exhausted');
    expect(await refreshCodeAttempts(database.db, deps, { purpose: 'signing', customerId: other, by: 'ivr' })).toBe(1);
    expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: s, code })).toBe('ok');
    expect(await refreshCodeAttempts(database.db, deps, { purpose: 'signing', customerId: other, by: 'ivr' })).toBe(0);
    // Another purpose keeps its count: one wrong try spent, one left.
    expect(await verifyCode(database.db, deps, { purpose: 'unlock', subject: u, code: wrong(elsewhere.code) })).toBe('exhausted');
    const audit = await database.db.selectFrom('audit_log').select(['actor', 'subject']).where('action', '=', 'code.attempts_refreshed').where('customer_id', '=', other).execute();
    expect(audit).toEqual([{ actor: 'ivr', subject: s }]);
  });

  it('rejects the digits of one subject for another subject and another purpose', async () => {
    const a = subject();
    const b = subject();
    const issued = await issueCode(database.db, deps, { purpose: 'signing', subject: a });
    // The other codes must differ from `issued` (one chance in a million they do not): reissue until so.
    const issueOther = async (purpose: string, s: string) => {
      while ((await issueCode(database.db, deps, { purpose, subject: s })).code === issued.code);
    };
    await issueOther('signing', b);
    await issueOther('unlock', a);
    expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: b, code: issued.code })).toBe('invalid');
    expect(await verifyCode(database.db, deps, { purpose: 'unlock', subject: a, code: issued.code })).toBe('invalid');
    expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: subject(), code: issued.code })).toBe('not_found');
    expect(await verifyCode(database.db, deps, { purpose: 'signing', subject: a, code: issued.code })).toBe('ok');
  });

  it('gives exactly one ok to concurrent correct submissions', async () => {
    for (let round = 0; round < 5; round++) {
      const s = subject();
      const { code } = await issueCode(database.db, deps, { purpose: 'signing', subject: s });
      const results = await Promise.all([1, 2, 3].map(() => verifyCode(database.db, deps, { purpose: 'signing', subject: s, code })));
      expect(results.filter((r) => r === 'ok')).toHaveLength(1);
      expect(results.filter((r) => r !== 'ok')).toEqual(['not_found', 'not_found']);
    }
  });

  it('refuses a lifetime that is not a positive number of seconds', async () => {
    await expect(issueCode(database.db, deps, { purpose: 'signing', subject: subject(), ttlSeconds: -5 })).rejects.toMatchObject({ code: 'validation' });
  });
});
