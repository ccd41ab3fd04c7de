import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEMO_PENDING_OPERATION } from '../demo/demo-data.ts';
import { DEV_TWILIO_AUTH_TOKEN } from '../ivr/settings.ts';
import { TestPhone } from '../ivr/test-phone.ts';
import { ivrText } from '../ivr/text.ts';
import { describeEachDatabase } from '../../test/helpers/db.ts';
import { codeIn, customerId, lastSms, MARIA, openBank, TestBrowser, type Bank } from './test-support.ts';

/**
 * Issue 13, section 2: a signing code is one code whether it reached the customer by SMS (online
 * banking) or by voice (IVR 3.2), and an unlock of the signature by phone (3.1) gives the
 * operation a fresh set of tries. Over HTTP and signed webhooks, on the demo bank.
 */
const BASE = 'https://ivr.bank.test';
const SIGNATURE_LINE = '+34950979971'; // direct line of 3.1
const SMS_CODE_LINE = '+34950979972'; // direct line of 3.2
const MARIA_CARD = { dniKeys: '45123987', last4: '2340', pin: '2468' };

describeEachDatabase('signing codes across the phone and the web', (backend) => {
  let bank: Bank;
  beforeEach(async () => {
    bank = await openBank(backend, { publicBaseUrl: BASE });
  });
  afterEach(() => bank.close());

  const signUrl = `/api/banking/operations/${DEMO_PENDING_OPERATION.reference}/sign`;
  const phone = (line: string) => new TestPhone(bank.app, { base: BASE, token: DEV_TWILIO_AUTH_TOKEN, to: line, from: MARIA.mobile });
  const signIn = async () => {
    const b = new TestBrowser(bank.app);
    expect((await b.login(MARIA.userCode, MARIA.password)).status).toBe(200);
    return b;
  };
  /** Calls 3.2 for the demo pending operation; what the line said after the PIN. */
  const call32 = async () => {
    const p = phone(SMS_CODE_LINE);
    await p.dial();
    const heard = await p.walk(['1', MARIA_CARD.dniKeys, DEMO_PENDING_OPERATION.reference, MARIA_CARD.last4, `${MARIA_CARD.pin}`]);
    return { p, words: heard.says.map((s) => s.text) };
  };
  const readOut = (words: string[]) => {
    const said = words.find((w) => /\d, \d/.test(w));
    expect(said, words.join(' | ')).toBeDefined();
    return /: ((?:\d, )+\d)\.$/.exec(said!)![1]!.replace(/, /g, '');
  };

  it('5 wrong codes block the signature; 3.2 says so and offers 3.1; after 3.1 the code 3.2 reads signs', async () => {
    const b = await signIn();
    expect((await b.post(`/api/banking/operations/${DEMO_PENDING_OPERATION.reference}/resend`)).status).toBe(200);
    const sent = codeIn(await lastSms(bank.services, MARIA.mobile));
    const wrong = sent === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) expect((await b.post(signUrl, { code: wrong })).status).toBe(400);
    expect(await b.post(signUrl, { code: wrong })).toMatchObject({ status: 403, body: { reason: 'signature_blocked' } });

    // While the signature is blocked 3.2 reads no code: it says why and offers 3.1 (key 1).
    const blocked = await call32();
    expect(blocked.words).toContain(ivrText('ivr.signingCode.signatureBlocked', 'es'));
    expect(blocked.words.join(' ')).not.toMatch(/\d, \d, \d/);
    // Key 1 leads into 3.1 on the same call: identified again, the signature is unlocked.
    await blocked.p.press('1');
    const unlocked = await blocked.p.walk(['1', MARIA_CARD.dniKeys, MARIA_CARD.last4, MARIA_CARD.pin]);
    expect(unlocked.says.map((s) => s.text)).toContain(ivrText('ivr.signature.done', 'es'));

    // The code 3.2 now reads is the live one, with a fresh set of tries: it signs.
    const again = await call32();
    const code = readOut(again.words);
    expect(code).toBe(sent);
    expect(await b.post(signUrl, { code })).toMatchObject({ status: 200, body: { operation: { status: 'signed' } } });
    const refreshed = await bank.services.db.selectFrom('audit_log').select('actor').where('action', '=', 'code.attempts_refreshed').execute();
    expect(refreshed).toEqual([{ actor: 'ivr' }]);
  });

  it('3.1 by its own line after 5 wrong codes: the SMS code that was sent gets fresh tries and signs', async () => {
    const b = await signIn();
    expect((await b.post(`/api/banking/operations/${DEMO_PENDING_OPERATION.reference}/resend`)).status).toBe(200);
    const sent = codeIn(await lastSms(bank.services, MARIA.mobile));
    const wrong = sent === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await b.post(signUrl, { code: wrong });
    const p = phone(SIGNATURE_LINE);
    await p.dial();
    const heard = await p.walk(['1', MARIA_CARD.dniKeys, MARIA_CARD.last4, MARIA_CARD.pin]);
    expect(heard.says.map((s) => s.text)).toContain(ivrText('ivr.signature.done', 'es'));
    expect(await b.post(signUrl, { code: sent })).toMatchObject({ status: 200, body: { operation: { status: 'signed' } } });
  });

  it('3.2 reads the code the SMS carried, so the SMS that arrives late still signs; a new one only when none is live', async () => {
    const b = await signIn();
    expect((await b.post(`/api/banking/operations/${DEMO_PENDING_OPERATION.reference}/resend`)).status).toBe(200);
    const { words } = await call32();
    const read = readOut(words);
    // The SMS arrives after the call: its code is the one that was read, and it signs.
    const late = codeIn(await lastSms(bank.services, MARIA.mobile));
    expect(read).toBe(late);
    const codes = await bank.services.db.selectFrom('one_time_codes').select(['id', 'sealed_code']).where('customer_id', '=', await customerId(bank.services, MARIA.externalId)).where('purpose', '=', 'signing').execute();
    expect(codes).toHaveLength(1);
    expect(codes[0]!.sealed_code).not.toContain(late);
    expect(await b.post(signUrl, { code: late })).toMatchObject({ status: 200, body: { operation: { status: 'signed' } } });
    // Used: its sealed digits are gone.
    const after = await bank.services.db.selectFrom('one_time_codes').select('sealed_code').where('id', '=', codes[0]!.id).executeTakeFirstOrThrow();
    expect(after.sealed_code).toBeNull();
  });

  it('issues a new code for 3.2 once the SMS one has expired, and reads that same code on a second call', async () => {
    const b = await signIn();
    expect((await b.post(`/api/banking/operations/${DEMO_PENDING_OPERATION.reference}/resend`)).status).toBe(200);
    await lastSms(bank.services, MARIA.mobile);
    bank.services.clock.advance((bank.services.config.limits.signingCodeTtlSeconds + 1) * 1000);
    const first = readOut((await call32()).words);
    const second = readOut((await call32()).words);
    expect(second).toBe(first);
    const live = await bank.services.db.selectFrom('one_time_codes').select('id').where('purpose', '=', 'signing').where('consumed_at', 'is', null).where('expires_at', '>', bank.services.clock.now()).execute();
    expect(live).toHaveLength(1);
    // The odds that a fresh code repeats the old digits are one in a million; the row count says it is new.
    expect(await bank.services.db.selectFrom('one_time_codes').select('id').where('purpose', '=', 'signing').execute()).toHaveLength(2);
    // The session has long timed out meanwhile: a new one signs with the code that was read.
    expect(await (await signIn()).post(signUrl, { code: first })).toMatchObject({ status: 200, body: { operation: { status: 'signed' } } });
  });
});
