import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCli } from '../src/cli.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'cerrojo.mjs');

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _u, PORT: _p, CERROJO_CONFIG: _c, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(join(tmpdir(), 'cerrojo-serve-')), ...extra };
}

describe('cerrojo serve (a real process)', () => {
  it('starts on PGlite, serves health checks and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--dev', '--port', '0'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${out}`)), 60_000);
      child.stdout.on('data', () => {
        const m = /Cerrojo is running on pglite at (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
    });
    expect(out).toMatch(/Admin API token \(dev mode\): \S{24,}/);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 90_000);

  it('refuses to start on a bad configuration value, naming the key', () => {
    const res = spawnSync(process.execPath, [BIN, 'serve', '--dev'], { env: env({ PORT: 'abc' }), encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('Invalid configuration "port (PORT)"');
  });

  it('refuses more than one worker on PGlite', () => {
    const res = spawnSync(process.execPath, [BIN, 'serve', '--dev', '--workers', '2'], { env: env(), encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('Invalid configuration "workers (CERROJO_WORKERS)": 2 workers need PostgreSQL (DATABASE_URL)');
  });

  it('refuses to start outside dev mode without secrets', () => {
    const res = spawnSync(process.execPath, [BIN, 'serve'], { env: env(), encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('secretKey (SECRET_KEY)');
  });
});

describe('cerrojo command line', () => {
  it('describes every command for --help', () => {
    const names = buildCli().commands.map((c) => c.name());
    expect(names).toEqual(expect.arrayContaining(['serve', 'migrate']));
    for (const command of buildCli().commands) {
      expect(command.description(), command.name()).not.toBe('');
      expect(command.helpInformation()).toContain(`Usage: cerrojo ${command.name()}`);
    }
  });

  it('prints help and exits 0', () => {
    const res = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('serve');
  });
});
