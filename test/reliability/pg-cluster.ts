import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './helpers.ts';

/** The folder of PostgreSQL's server programs (initdb, pg_ctl), the newest installed, or undefined. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const res = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = res.status === 0 ? res.stdout.trim() : '';
  return dir && existsSync(join(dir, 'pg_ctl')) ? dir : undefined;
}

/**
 * A PostgreSQL cluster of its own (initdb in a temporary folder, trust authentication, its own
 * port), so a test can stop and start it without touching the server other tests share. Run as
 * `postgres` through runuser when the tests run as root (PostgreSQL refuses to run as root).
 */
export class PgCluster {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
    private readonly asUser: string | undefined,
  ) {}

  static async create(bin: string): Promise<PgCluster> {
    const asUser = process.getuid?.() === 0 ? 'postgres' : undefined;
    const dir = mkdtempSync(join(tmpdir(), 'cerrojo-pg-'));
    if (asUser) {
      const id = (flag: string) => Number(spawnSync('id', [flag, asUser], { encoding: 'utf8' }).stdout.trim());
      chownSync(dir, id('-u'), id('-g'));
    }
    const cluster = new PgCluster(bin, dir, await freePort(), asUser);
    await cluster.run('initdb', ['-D', cluster.data, '-A', 'trust', '-U', 'postgres', '-N', '-E', 'UTF8', '--locale=C']);
    return cluster;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** The server's own log, for failure messages. */
  log(): string {
    const res = spawnSync('tail', ['-n', '40', join(this.dir, 'log')], { encoding: 'utf8' });
    return res.stdout ?? '';
  }

  private run(program: string, args: string[]): Promise<void> {
    const [cmd, argv] = this.asUser ? ['runuser', ['-u', this.asUser, '--', join(this.bin, program), ...args]] : [join(this.bin, program), args];
    return new Promise((resolve, reject) => {
      // Asynchronous, so the load a test keeps up goes on while PostgreSQL stops and starts.
      execFile(cmd, argv, { encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`${program} ${args.join(' ')} failed: ${err.message}\n${stderr}${stdout}\n${this.log()}`));
        else resolve();
      });
    });
  }

  /** Starts the server and waits until it accepts connections. */
  start(): Promise<void> {
    return this.run('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'log'), '-w', '-t', '60', '-o', `-p ${this.port} -k ${this.dir} -h 127.0.0.1 -c fsync=off`, 'start']);
  }

  /** Stops the server and waits until it is gone: `immediate` kills it as a crash would. */
  stop(mode: 'fast' | 'immediate'): Promise<void> {
    return this.run('pg_ctl', ['-D', this.data, '-w', '-t', '60', '-m', mode, 'stop']);
  }

  /** Stops the server if it runs and removes its files. */
  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined); // not running
    rmSync(this.dir, { recursive: true, force: true });
  }
}
