import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/messages.ts';
import { drive } from '../../bench/lib/drive.ts';
import { ivrLoadClients, type LoadDialer } from '../../bench/lib/ivr-load-client.ts';
import { startBareFloor, treeCpuUs, treeRssBytes, type ServerTree } from '../../bench/lib/processes.ts';
import { freePort } from '../reliability/helpers.ts';

const BASE = 'https://ivr.bank.test';
const dialers = (n: number): LoadDialer[] => Array.from({ length: n }, (_, i) => ({ mobile: `+3460000000${i}`, dniKeys: '12345678', last4: '2340', pin: '9731', wrongReference: '40718235' }));

describe('the ivr-load scenario: its client and the server process tree (bench/lib/ivr-load-client.ts, processes.ts)', () => {
  let floor: ServerTree;
  beforeAll(async () => {
    floor = await startBareFloor(await freePort(), BASE);
  }, 60_000);
  afterAll(() => floor?.stop());

  it('drives the floor with paced calls, tells the server side the window, and counts answers that are not what a caller should hear', async () => {
    const asked: unknown[] = [];
    const clients = drive('inprocess', new URL('../../bench/clients/ivr-load.ts', import.meta.url), ivrLoadClients, { base: floor.base, publicBase: BASE, to: '+34950183313', token: 't'.repeat(32), connections: 10 }, async (what, arg) => {
      asked.push([what, arg]);
      return null;
    });
    try {
      const cpu0 = floor.cpuUs();
      // As the floor: every answer is a Gather, which is all a caller there should hear.
      const ok = (await clients.run('load', { callers: dialers(40), lines: 4, thinkMs: 20, floor: true })).result;
      expect(ok.errors).toMatchObject({ non2xx: 0, socket: 0, unexpectedTwiml: 0, starvedLines: 0 });
      expect(ok.webhooks).toBeGreaterThan(0);
      expect(ok.turns.withoutPin.length + ok.turns.withPin.length).toBe(ok.webhooks);
      expect(ok.webhooksAll).toBeGreaterThanOrEqual(ok.webhooks);
      expect(asked).toEqual([
        ['window', 'open'],
        ['window', 'close'],
      ]);
      expect(floor.cpuUs()).toBeGreaterThanOrEqual(cpu0);
      // As the app: the floor's Gather carries the refusal's words, but no call of branch 1.1
      // (every tenth) ends there, so each of those is an error.
      const wrong = (await clients.run('load', { callers: dialers(80), lines: 20, thinkMs: 50, floor: false })).result;
expect(wrong.calls.pin).toBeGreaterThan(0);
      expect(wrong.errors.unexpectedTwiml).toBeGreaterThan(0);
      expect(wrong.errors.samples[0]).toMatch(/branch 1.1 did not end as expected/);
      // A server that is gone: socket errors, not a crash of the bench.
      const gone = drive('inprocess', new URL('../../bench/clients/ivr-load.ts', import.meta.url), ivrLoadClients, { base: `http://127.0.0.1:${await freePort()}`, publicBase: BASE, to: '+34950183313', token: 't'.repeat(32), connections: 10 }, async () => null);
      const refused = (await gone.run('load', { callers: dialers(200), lines: 1, thinkMs: 20, floor: true })).result;
      await gone.close();
      expect(refused.errors.socket).toBeGreaterThan(0);
    } finally {
      await clients.close();
    }
  }, 60_000);

  it("counts the CPU time and the memory of a process's descendants in its tree", async () => {
    // A parent that sleeps while its child spins for 400 ms of CPU, both staying alive a while.
    const child = `const t = Date.now(); while (Date.now() - t < 400); setTimeout(() => {}, 5000);`;
    const parent = spawn(process.execPath, ['-e', `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(child)}], { stdio: 'inherit' }); setTimeout(() => {}, 5000);`], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 1500));
      expect(treeCpuUs(parent.pid!)).toBeGreaterThanOrEqual(300_000);
      expect(treeRssBytes(parent.pid!)).toBeGreaterThan(2 * 10 * 2 ** 20);
    } finally {
      parent.kill('SIGKILL');
    }
  }, 20_000);
});
