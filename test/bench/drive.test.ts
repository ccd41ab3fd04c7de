import { describe, expect, it } from 'vitest';
import { drive, type ClientMode } from '../../bench/lib/drive.ts';
import { echoClients } from './drive-echo.ts';

const script = new URL('./drive-echo.ts', import.meta.url);
const answer = async (what: string, arg?: unknown) => (what === 'echo' ? `server heard ${String(arg)}` : Promise.reject(new Error(`no answer to ${what}`)));

describe.each<ClientMode>(['child', 'inprocess'])('the bench driver, clients %s', (mode) => {
  it('runs phases where it says, answers their asks in this process, and reports a phase that fails', async () => {
    const clients = drive(mode, script, echoClients, { factor: 3 }, answer);
    try {
      const ran = await clients.run('times', { n: 2 });
      expect(ran.result.n).toBe(6);
      expect(ran.result.pid === process.pid).toBe(mode === 'inprocess');
      expect(ran.clientCpuUs === null).toBe(mode === 'inprocess');
      expect(ran.serverCpuUs).toBeGreaterThanOrEqual(0);
      expect((await clients.run('asking', { q: 'hello' })).result.answer).toBe('server heard hello');
      await expect(clients.run('failing', null)).rejects.toThrow(/the phase failed on purpose/);
      // The clients are still there after a phase failed.
      expect((await clients.run('times', { n: 5 })).result.n).toBe(15);
    } finally {
      await clients.close();
    }
  });
});
