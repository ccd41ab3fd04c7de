import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Where a scenario's load clients run (issue 16 §4). By default in a child process of their own
 * (`child_process.fork`, with the tsx loader as the bench itself runs), so that signing webhooks,
 * parsing TwiML, solving captchas and keeping cookie jars do not run on the server's event loop;
 * `BENCH_CLIENT=inprocess` runs the very same client code in the bench's own process, beside the
 * server, as the bench did before. Either way a scenario gets a `Driver`: it names a phase and
 * hands it a job (seeded customers, counts, concurrency…) and gets the phase's result back (its
 * timings), so the statistics are computed by the scenario the same way in both modes.
 *
 * The client sometimes needs something of the server side that is not an HTTP request (the web
 * recovery asks the server to deliver its outbox, as its delivery worker would): it `ask`s, and
 * the scenario's `Answer`, in the server's process, answers.
 */
export type ClientMode = 'child' | 'inprocess';

export function clientMode(): ClientMode {
  const raw = process.env.BENCH_CLIENT ?? '';
  if (raw === '' || raw === 'child') return 'child';
  if (raw === 'inprocess') return 'inprocess';
  throw new Error(`BENCH_CLIENT must be child or inprocess, got ${raw}`);
}

/** A request of the client to the server side, answered in the server's process. */
export type Ask = (what: string, arg?: unknown) => Promise<unknown>;
export type Answer = Ask;

/** The phases of one scenario's clients: each takes a job and answers its result. */
export type Phases = Record<string, (job: never) => Promise<unknown>>;
export interface Built<P extends Phases> {
  phases: P;
  close(): void;
}
/** Builds a scenario's clients from a setup (URLs, connections), in whichever process they run. */
export type Build<S, P extends Phases> = (setup: S, ask: Ask) => Built<P>;

type JobOf<P extends Phases, K extends keyof P> = Parameters<P[K]>[0];
type ResultOf<P extends Phases, K extends keyof P> = Awaited<ReturnType<P[K]>>;

export interface Ran<R> {
  result: R;
  /** CPU time (user + system) of the bench's own process over the phase, in µs: the server's alone when the clients run in a child. */
  serverCpuUs: number;
  /** CPU time of the child over the phase, in µs; null when the clients run in the bench's process. */
  clientCpuUs: number | null;
}

export interface Driver<P extends Phases> {
  mode: ClientMode;
  run<K extends keyof P & string>(phase: K, job: JobOf<P, K>): Promise<Ran<ResultOf<P, K>>>;
  close(): Promise<void>;
}

const cpuUs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return d.user + d.system;
};

const noAnswers: Answer = (what) => Promise.reject(new Error(`the server side has no answer to ${what}`));

type ToChild = { type: 'setup'; setup: unknown } | { type: 'run'; phase: string; job: unknown } | { type: 'answer'; id: number; value?: unknown; error?: string } | { type: 'close' };
type ToParent = { type: 'ready' } | { type: 'result'; result: unknown; cpuUs: number } | { type: 'failed'; error: string } | { type: 'ask'; id: number; what: string; arg?: unknown };

/**
 * The clients of a scenario, built by `build` from `setup`: in a child running `script` (which
 * calls `childMain(build)`), or here. `answer` serves the client's asks in this process.
 */
export function drive<S, P extends Phases>(mode: ClientMode, script: URL, build: Build<S, P>, setup: S, answer: Answer = noAnswers): Driver<P> {
  if (mode === 'inprocess') {
    const built = build(setup, answer);
    return {
      mode,
      async run(phase, job) {
        const c0 = process.cpuUsage();
        const result = (await built.phases[phase]!(job as never)) as ResultOf<P, typeof phase>;
        return { result, serverCpuUs: cpuUs(c0), clientCpuUs: null };
      },
      close: async () => built.close(),
    };
  }
  const child: ChildProcess = fork(fileURLToPath(script), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let waiting: { resolve: (m: ToParent) => void; reject: (err: Error) => void } | undefined;
  let exited: Error | undefined;
  const send = (m: ToChild) => child.send(m);
  child.on('message', (m: ToParent) => {
    if (m.type === 'ask') {
      answer(m.what, m.arg).then(
        (value) => send({ type: 'answer', id: m.id, value }),
        (err: unknown) => send({ type: 'answer', id: m.id, error: String(err) }),
      );
      return;
    }
    const w = waiting;
    waiting = undefined;
    if (m.type === 'failed') w?.reject(new Error(`the client process failed: ${m.error}`));
    else w?.resolve(m);
  });
  child.on('exit', (code, signal) => {
    exited = new Error(`the client process exited (${signal ?? code})`);
    waiting?.reject(exited);
    waiting = undefined;
  });
  const exchange = (m: ToChild) =>
    new Promise<ToParent>((resolve, reject) => {
      if (exited) return reject(exited);
      waiting = { resolve, reject };
      send(m);
    });
  // The clients are built in the child as soon as it starts; the first phase waits for them.
  const ready = exchange({ type: 'setup', setup });
  ready.catch(() => undefined);
  return {
    mode,
    async run(phase, job) {
      await ready;
      const c0 = process.cpuUsage();
      const m = await exchange({ type: 'run', phase, job });
      const serverCpuUs = cpuUs(c0);
      if (m.type !== 'result') throw new Error(`the client process answered ${m.type}`);
      return { result: m.result as ResultOf<P, typeof phase>, serverCpuUs, clientCpuUs: m.cpuUs };
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        // Ready or not, the child goes: told to when it listens, killed when it is still starting or stuck.
        waiting?.reject(new Error('closed'));
        waiting = undefined;
        send({ type: 'close' });
        setTimeout(() => child.kill(), 5000).unref();
      }),
  };
}

/** The body of a client script run by `drive` in a child: builds the clients, runs the phases it is sent. */
export function childMain<S, P extends Phases>(build: Build<S, P>): void {
  const send = (m: ToParent) => process.send!(m);
  const asked = new Map<number, { resolve: (v: unknown) => void; reject: (err: Error) => void }>();
  let nextAsk = 0;
  const ask: Ask = (what, arg) =>
    new Promise((resolve, reject) => {
      const id = nextAsk++;
      asked.set(id, { resolve, reject });
      send({ type: 'ask', id, what, arg });
    });
  let built: Built<P> | undefined;
  const fail = (err: unknown) => send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.on('message', (m: ToChild) => {
    switch (m.type) {
      case 'setup':
        built = build(m.setup as S, ask);
        return send({ type: 'ready' });
      case 'run': {
        const phase = built?.phases[m.phase];
        if (!phase) return fail(new Error(`no phase ${m.phase}`));
        const c0 = process.cpuUsage();
        return void phase(m.job as never).then((result) => send({ type: 'result', result, cpuUs: cpuUs(c0) }), fail);
      }
      case 'answer': {
        const a = asked.get(m.id);
        asked.delete(m.id);
        if (m.error !== undefined) a?.reject(new Error(m.error));
        else a?.resolve(m.value);
        return;
      }
      case 'close':
        built?.close();
        process.exit(0);
    }
  });
}

/** CPU time per unit of work (a webhook, a recovery) over one phase, by process, in µs. */
export interface CpuPer {
  unit: string;
  clients: ClientMode;
  /** The bench's own process: the server's alone when the clients run in a child, server and clients otherwise. */
  serverUs: number;
  /** The child's, when the clients run in one. */
  clientUs: number | null;
}

export function cpuPer(unit: string, count: number, ran: Ran<unknown>, clients: ClientMode): CpuPer {
  return { unit, clients, serverUs: ran.serverCpuUs / count, clientUs: ran.clientCpuUs === null ? null : ran.clientCpuUs / count };
}
