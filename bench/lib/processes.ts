import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Servers in processes of their own (the `ivr-load` scenario): `cerrojo serve` started as the
 * product runs, and the bare `node:http` floor. The CPU time and the memory of a server are
 * those of its process tree (the primary and, with `--workers`, its workers), read from /proc.
 */

const ROOT = join(import.meta.dirname, '..', '..');
/** The `cerrojo` command as installed (it registers tsx itself). */
const BIN = join(ROOT, 'bin', 'cerrojo.mjs');
const FLOOR = join(import.meta.dirname, 'bare-twiml.ts');

/** Clock ticks per second of /proc/<pid>/stat's utime and stime. */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Stat {
  pid: number;
  ppid: number;
  /** utime + stime, in ticks. */
  ticks: number;
}

function stat(pid: number): Stat | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command's name (in parentheses, which may hold spaces): state, ppid, … utime (14th field), stime (15th).
    const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return undefined;
  }
}

/** The process `root` and its descendants (cluster workers, any helper process they start). */
function tree(root: number): Stat[] {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => stat(Number(d)))
    .filter((s): s is Stat => s !== undefined);
  const inTree = new Set([root]);
  // Parents before children is not guaranteed by pid order: repeat until nothing is added.
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of all)
      if (!inTree.has(s.pid) && inTree.has(s.ppid)) {
        inTree.add(s.pid);
        grew = true;
      }
  }
  return all.filter((s) => inTree.has(s.pid));
}

/** CPU time (user + system) of the tree of `root`, in µs (resolution: one clock tick, 10 ms). */
export function treeCpuUs(root: number): number {
  return (tree(root).reduce((sum, s) => sum + s.ticks, 0) * 1_000_000) / TICKS;
}

/** Resident memory of the tree of `root` (sum of VmRSS), in bytes. */
export function treeRssBytes(root: number): number {
  let sum = 0;
  for (const s of tree(root)) {
    try {
      const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${s.pid}/status`, 'utf8'));
      if (m) sum += Number(m[1]) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return sum;
}

/** Samples the tree's RSS every `everyMs` until stopped; answers the highest sum seen. */
export function peakRss(root: number, everyMs = 250): { stop(): number } {
  let peak = treeRssBytes(root);
  const timer = setInterval(() => (peak = Math.max(peak, treeRssBytes(root))), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRssBytes(root));
    },
  };
}

/** A server in its own process, listening on 127.0.0.1:`port`. */
export class ServerTree {
  private out = '';
  private ended: string | undefined;
  readonly exited: Promise<void>;

  private constructor(
    readonly name: string,
    readonly base: string,
    private readonly child: ChildProcess,
  ) {
    // The request log (stdout) goes nowhere; stderr is kept for a failure's message.
    child.stderr!.on('data', (d: Buffer) => (this.out = (this.out + d.toString('utf8')).slice(-20_000)));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(void (this.ended = String(signal ?? code)))));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Starts `node <args>` with `env` and waits until `base + readyPath` answers 200. */
  static async start(name: string, args: string[], env: Record<string, string>, base: string, readyPath: string): Promise<ServerTree> {
    // The configuration is the server's file alone: none of the developer's variables of ours leak in.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OURS.test(k)));
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    const server = new ServerTree(name, base, child);
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (server.ended !== undefined) throw new Error(`${name} exited (${server.ended}) before it was ready:\n${server.out}`);
      const status = await fetch(base + readyPath, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return server;
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`${name} not ready within 120 s:\n${server.out}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** What it wrote on stderr (warnings, errors, a crash). */
  problems(): string {
    return this.out;
  }

  cpuUs(): number {
    return treeCpuUs(this.pid);
  }

  /** Stops it as an operator would (SIGTERM, a clean drain), killed after 15 s. */
  async stop(): Promise<void> {
    if (this.ended !== undefined) return;
    this.child.kill('SIGTERM');
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(kill);
  }
}

/** Whether `cerrojo serve` of this checkout takes `--workers` (the cluster option of issue 17). */
export function serveHasWorkers(): boolean {
  const help = execFileSync(process.execPath, [BIN, 'serve', '--help'], { cwd: ROOT, encoding: 'utf8' });
  return help.includes('--workers');
}

/** `cerrojo serve --config <file>` (and `--workers <n>` when given), as the product runs. */
export function startServe(port: number, configFile: string, workers?: number): Promise<ServerTree> {
  const args = [BIN, 'serve', '--config', configFile, ...(workers === undefined ? [] : ['--workers', String(workers)])];
  return ServerTree.start(workers === undefined ? 'cerrojo serve' : `cerrojo serve --workers ${workers}`, args, {}, `http://127.0.0.1:${port}`, '/readyz');
}

/** The bare floor (bare-twiml.ts): node:http answering every webhook with one constant Gather. */
export function startBareFloor(port: number, publicBase: string): Promise<ServerTree> {
  return ServerTree.start('bare node:http floor', ['--import', 'tsx', FLOOR, String(port), publicBase], {}, `http://127.0.0.1:${port}`, '/healthz');
}

const OURS = /^(PORT|HOST|PUBLIC_BASE_URL|DATABASE_URL|DATA_DIR|CERROJO_.*|LOG_LEVEL|SECRET_KEY|ADMIN_TOKEN|AUDIT_.*|DEFAULT_LOCALE|NOTIFY_.*|SMTP_URL|EMAIL_FROM|TWILIO_.*|IVR_.*|METRICS_TOKEN)$/;
