import { writeFileSync } from 'node:fs';
import { serve } from '../lib/app.ts';
import { BASE, seedCaller } from '../../src/ivr/test-fixtures.ts';
import { lockOut } from '../../test/reliability/helpers.ts';

/**
 * The IVR's server for a profile (bench/profile/ivr.sh): the whole app on a fresh database of
 * `PROFILE_DATABASE_URL` (PGlite without it), 60 seeded callers written to `$PROFILE_DIR/setup.json`
 * for the client, and the process's CPU time between SIGUSR1 (the window opens) and SIGUSR2
 * (it closes) written to `$PROFILE_DIR/cpu.json`.
 */
const dir = process.env.PROFILE_DIR ?? '/tmp';
const url = process.env.PROFILE_DATABASE_URL;
const s = await serve(url ? { name: 'postgres', url } : { name: 'pglite' }, { publicBaseUrl: BASE });
const callers = [];
for (let i = 0; i < 60; i++) {
  const c = await seedCaller(s.services);
  await lockOut(s.services, c);
  callers.push(c);
}
writeFileSync(`${dir}/setup.json`, JSON.stringify({ base: s.base, callers }));
let t0 = process.cpuUsage();
process.on('SIGUSR1', () => void (t0 = process.cpuUsage()));
process.on('SIGUSR2', () => writeFileSync(`${dir}/cpu.json`, JSON.stringify(process.cpuUsage(t0))));
process.on('SIGTERM', () => void s.close().then(() => process.exit(0)));
process.stdout.write('ready\n');
