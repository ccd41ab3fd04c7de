import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../../test/helpers/db.ts';
import { PermanentDeliveryError } from '../channel.ts';
import { deliverDue } from '../deliver.ts';
import { enqueueMessage } from '../outbox.ts';
import { renderMessage } from '../templates.ts';
import { testDeliveryDeps } from '../test-support.ts';
import { twilioChannel } from './twilio.ts';
import { startTwilioStandIn } from '../../../test/helpers/twilio.ts';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'test-auth-token-0123456789';
const FROM = '+34950000000';

/**
 * A stand-in for Twilio's REST API: `POST /2010-04-01/Accounts/{sid}/Messages.json` with a
 * form body, answering like Twilio (201 and the message resource). A `To` of +34600000400 is
 * refused like an invalid number (400, code 21211); +34600000500 gets a 500.
 */
async function startFakeTwilio() {
  const standIn = await startTwilioStandIn((req, count) => {
    const { form } = req;
    if (req.method !== 'POST' || req.path !== `/2010-04-01/Accounts/${SID}/Messages.json`) return { status: 404, body: { code: 20404, message: 'not found', status: 404 } };
    if (form.To === '+34600000400') return { status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 } };
    if (form.To === '+34600000500') return { status: 500, body: { code: 20500, message: 'Internal Server Error', status: 500 } };
    const sid = `SM${String(count).padStart(32, '0')}`;
    return { status: 201, body: { sid, account_sid: SID, to: form.To, from: form.From, body: form.Body, status: 'queued', num_segments: '1' } };
  });
  return { url: standIn.url, calls: standIn.requests, close: standIn.close };
}

describe('Twilio SMS channel', () => {
  let twilio: Awaited<ReturnType<typeof startFakeTwilio>>;
  const channel = () => twilioChannel({ accountSid: SID, authToken: TOKEN, from: FROM, apiBaseUrl: twilio.url, timeoutMs: 20_000 });
  beforeAll(async () => {
    twilio = await startFakeTwilio();
  });
  afterAll(() => twilio.close());
  beforeEach(() => void twilio.calls.splice(0));

  it('a number Twilio refuses (400) is a permanent failure; a 500 may pass later', async () => {
    await expect(channel().send({ id: 1, to: '+34600000400', subject: null, body: 'x' })).rejects.toBeInstanceOf(PermanentDeliveryError);
    const transient = await channel().send({ id: 2, to: '+34600000500', subject: null, body: 'x' }).catch((e: unknown) => e);
    expect(transient).toBeInstanceOf(Error);
    expect(transient).not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('keeps a path prefix of the base URL (a proxy in front of Twilio)', async () => {
    const prefixed = twilioChannel({ accountSid: SID, authToken: TOKEN, from: FROM, apiBaseUrl: `${twilio.url}/twilio/`, timeoutMs: 5000 });
    await prefixed.send({ id: 3, to: '+34600111222', subject: null, body: 'x' }).catch(() => undefined);
    expect(twilio.calls[0]!.path).toBe(`/twilio/2010-04-01/Accounts/${SID}/Messages.json`);
  });

  describeEachDatabase('delivered through the outbox', (backend) => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await freshDatabase(backend);
    });
    afterAll(() => database.drop());

    it('posts To, From and Body with basic auth through the official SDK and records the message sid', async () => {
      const services = testServices(database);
      const params = { code: '582011', reference: '40012345', minutes: 10 };
      const { id } = await services.db.transaction().execute((tx) =>
        enqueueMessage(tx, services, { channel: 'sms', to: '600 111 222', template: 'sms.unlock_code', locale: 'es', params }),
      );
      expect((await deliverDue(testDeliveryDeps(services, { sms: channel() }))).outcomes.sent).toBe(1);

      expect(twilio.calls).toHaveLength(1);
      const [call] = twilio.calls;
      expect(call).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${SID}/Messages.json` });
      expect(call!.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
      expect(call!.form).toEqual({ To: '+34600111222', From: FROM, Body: renderMessage('sms.unlock_code', 'es', params).body });
      const stored = await services.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ status: 'sent', provider_id: `SM${'1'.padStart(32, '0')}`, body: null });
    });
  });
});
