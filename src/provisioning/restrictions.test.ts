import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBlock } from '../customers/blocks-store.ts';
import { checkCardPin } from '../customers/cards-store.ts';
import { setProfile } from '../customers/credentials-store.ts';
import { keyedHashPinVerifier } from '../customers/pin-verifier.ts';
import { buildApp, type App } from '../http/app.ts';
import { describeEachDatabase, freshDatabase, testServices, TEST_ADMIN_TOKEN, type TestDatabase } from '../../test/helpers/db.ts';
import { luhnPan } from '../selfservice/test-support.ts';
import { MANAGER, OFFICE, person } from './test-support.ts';

/**
 * DESIGN.md §3 over the admin API: a feed never lifts what the contact centre or a branch set,
 * and says so; the core system is the way back from a blocked card PIN when it reissues the
 * card or changes the PIN.
 */
describeEachDatabase('provisioning and the restrictions of other channels', (backend) => {
  let database: TestDatabase;
  let services: ReturnType<typeof testServices>;
  let app: App;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    services = testServices(database);
    app = await buildApp(services, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });
  let n = 0;
  const db = () => database.db;
  const post = async (payload: object) => {
    const res = await app.inject({ method: 'POST', url: '/api/admin/import', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, payload });
    expect(res.statusCode).toBe(200);
    return res.json<{ created: number; updated: number; unchanged: number; errors: unknown[]; skipped: Record<string, unknown>[] }>();
  };
  /** A new customer (unique document, card and codes) imported once; its record for later imports. */
  const imported = async (profile?: 'read_only') => {
    const i = ++n;
    const digits = String(10_000_000 + i * 7919).slice(0, 8);
    const letter = 'TRWAGMYFPDXBNJZSQVHLCKE'[Number(digits) % 23];
    const pan = luhnPan();
    const record = (over: Record<string, unknown> = {}) =>
      person(`R${i}`, { document: { type: 'DNI', number: `${digits}${letter}` }, cards: [{ pan, pin: '2468' }], onlineBanking: { userCode: `RUSER${i}`, profile }, phoneBanking: undefined, devices: undefined, mobile: `6${String(10_000_000 + i)}`, ...over });
    expect(await post({ offices: [OFFICE], managers: [MANAGER], customers: [record()] })).toMatchObject({ errors: [], skipped: [] });
    const c = await db().selectFrom('customers').selectAll().where('external_id', '=', `R${i}`).executeTakeFirstOrThrow();
    return { record, customer: c, pan };
  };

  it('leaves a read-only profile and the blocks the contact centre set in place, and reports the profile as skipped', async () => {
    const { record, customer } = await imported();
    await setProfile(db(), services, customer.id, 'read_only', 'staff:ana', 'contact_centre');
    await createBlock(db(), services, { customerId: customer.id, target: 'access', origin: 'contact_centre', reason: 'BLOQUEO CAE', by: 'staff:ana' });
    const summary = await post({ customers: [record({ onlineBanking: { userCode: `RUSER${n}`, profile: 'full' }, name: 'María García López (renombrada)' })] });
    expect(summary).toMatchObject({ updated: 1, errors: [] });
    expect(summary.skipped).toEqual([
      { record: 'customer', index: 0, externalId: `R${n}`, field: 'onlineBanking.profile', reason: 'restricted_by_contact_centre', message: expect.stringContaining('only a branch') },
    ]);
    const user = await db().selectFrom('online_banking_users').select(['profile', 'profile_origin']).where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
    expect(user).toEqual({ profile: 'read_only', profile_origin: 'contact_centre' });
    expect(await db().selectFrom('blocks').select('origin').where('customer_id', '=', customer.id).where('lifted_at', 'is', null).execute()).toEqual([{ origin: 'contact_centre' }]);
    // The rest of the record landed, and the refusal is in the audit log.
    expect((await db().selectFrom('customers').select('name').where('id', '=', customer.id).executeTakeFirstOrThrow()).name).toBe('María García López (renombrada)');
    const audit = await db().selectFrom('audit_log').select('details').where('customer_id', '=', customer.id).where('action', '=', 'provisioning.skipped').execute();
    expect(audit.map((a) => a.details)).toEqual([{ field: 'onlineBanking.profile', reason: 'restricted_by_contact_centre' }]);
    // A branch's restriction is kept the same way.
    await setProfile(db(), services, customer.id, 'read_only', 'staff:olga', 'office');
    expect((await post({ customers: [record({ onlineBanking: { userCode: `RUSER${n}`, profile: 'full' } })] })).skipped).toMatchObject([{ reason: 'restricted_by_office' }]);
  });

  it('lets a feed restore a read-only profile the feed itself set', async () => {
    const { record, customer } = await imported('read_only');
    const summary = await post({ customers: [record({ onlineBanking: { userCode: `RUSER${n}`, profile: 'full' } })] });
    expect(summary).toMatchObject({ updated: 1, skipped: [] });
    expect(await db().selectFrom('online_banking_users').select(['profile', 'profile_origin']).where('customer_id', '=', customer.id).executeTakeFirstOrThrow()).toEqual({ profile: 'full', profile_origin: 'core' });
  });

  it('lifts a blocked card PIN when the core reissues the card or changes the PIN, and tells the customer', async () => {
    const deps = { ...services, pinVerifier: keyedHashPinVerifier(services.hasher) };
    const { record, customer, pan } = await imported();
    const card = () => db().selectFrom('cards').select(['id', 'last4', 'pin_blocked_at', 'failed_pin_attempts']).where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
    const last4 = (await card()).last4;
    const blockPin = async () => {
      for (let i = 0; i < services.config.limits.pinAttempts; i++) await checkCardPin(db(), deps, { customerId: customer.id, last4, pin: '0000', by: 'ivr' });
      expect((await card()).pin_blocked_at).not.toBeNull();
    };
    await blockPin();
    const blockedAt = (await card()).pin_blocked_at!;

    // The same file again, or a reissue dated before the block, lifts nothing.
    expect(await post({ customers: [record()] })).toMatchObject({ unchanged: 1 });
    const before = new Date(blockedAt.getTime() - 60_000).toISOString();
    expect(await post({ customers: [record({ cards: [{ pan, pin: '2468', reissuedAt: before }] })] })).toMatchObject({ unchanged: 1 });
    expect((await card()).pin_blocked_at).not.toBeNull();
    // A date in the future is the record's error: it would lift blocks not yet set.
    const future = new Date(services.clock.now().getTime() + 86_400_000).toISOString();
    expect((await post({ customers: [record({ cards: [{ pan, pin: '2468', pinChangedAt: future }] })] })).errors).toMatchObject([{ field: 'cards.0.pinChangedAt', message: 'is in the future' }]);

    // Reissued after the block: lifted by the core, the count cleared, the customer told.
    services.clock.advance(60_000);
    const reissuedAt = services.clock.now().toISOString();
    expect(await post({ customers: [record({ cards: [{ pan, pin: '2468', reissuedAt }] })] })).toMatchObject({ updated: 1, errors: [] });
    expect(await card()).toMatchObject({ pin_blocked_at: null, failed_pin_attempts: 0 });
    const lifted = await db().selectFrom('blocks').select(['lifted_channel', 'lifted_by']).where('customer_id', '=', customer.id).where('target', '=', 'card_pin').execute();
    expect(lifted).toEqual([{ lifted_channel: 'core', lifted_by: 'admin' }]);
    const unblocked = await db().selectFrom('audit_log').select('details').where('customer_id', '=', customer.id).where('action', '=', 'card.pin_unblocked').execute();
    expect(unblocked.map((a) => a.details)).toEqual([{ channel: 'core', reason: 'reissued' }]);
    const sms = await db().selectFrom('outbox').select('template').where('customer_id', '=', customer.id).orderBy('id').execute();
    expect(sms.map((s) => s.template)).toEqual(['sms.card_pin_blocked', 'sms.card_pin_unblocked']);
    expect(await checkCardPin(db(), deps, { customerId: customer.id, last4, pin: '2468' })).toBe('ok');

    // Blocked again, then a new PIN in the feed: a PIN change lifts it too.
    await blockPin();
    expect(await post({ customers: [record({ cards: [{ pan, pin: '1357' }] })] })).toMatchObject({ updated: 1 });
    expect((await card()).pin_blocked_at).toBeNull();
    expect(await checkCardPin(db(), deps, { customerId: customer.id, last4, pin: '1357' })).toBe('ok');
  });
});

