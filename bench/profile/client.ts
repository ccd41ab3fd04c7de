import { readFileSync } from 'node:fs';
import { Client } from '../lib/client.ts';
import { loopback } from '../lib/ivr-client.ts';
import { Softphone } from '../../src/ivr/softphone.ts';
import { DEV_TWILIO_AUTH_TOKEN } from '../../src/ivr/settings.ts';
import { BASE, UNLOCK, type Caller } from '../../src/ivr/test-fixtures.ts';

/**
 * The profile's callers: `CALLS` calls (20 at a time, no pause) of branch 2 ending at the generic
 * refusal (a reference that is none of the caller's), then the status callback: 7 webhooks a
 * call, the turns most of `ivr-load`'s calls make.
 */
const setup = JSON.parse(readFileSync(`${process.env.PROFILE_DIR ?? '/tmp'}/setup.json`, 'utf8')) as { base: string; callers: Caller[] };
const client = new Client(setup.base, 40);
const transport = loopback(client);
const calls = Number(process.env.CALLS ?? 300);
let webhooks = 0;
async function one(i: number): Promise<void> {
  const c = setup.callers[i % setup.callers.length]!;
  const phone = new Softphone(transport, { base: BASE, token: DEV_TWILIO_AUTH_TOKEN, to: UNLOCK, from: c.mobile });
  await phone.dial();
  for (const key of ['1', '2', '1', c.dniKeys, '99999999']) await phone.press(key);
  await phone.hangUp('completed', 30);
  webhooks += 7;
}
let next = 0;
const t = Date.now();
await Promise.all(Array.from({ length: 20 }, async () => { while (next < calls) await one(next++); }));
process.stdout.write(`${webhooks} webhooks in ${Date.now() - t} ms\n`);
client.close();
