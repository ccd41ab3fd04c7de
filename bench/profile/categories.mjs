// The categories of bench/profile/ivr.sh: each perf sample (leaf first) in the first category one of its frames matches.
import { readFileSync } from 'node:fs';
const text = readFileSync(process.argv[2], 'utf8');
const samples = text.split(/\n\n+/).map((b) => b.trim()).filter(Boolean);
const mainTid = Number(process.argv[3]);
const cats = [
  ['kernel: context switches (sleep/wake in epoll)', (f) => /finish_task_switch|__schedule/.test(f)],
  ['JIT compiler (TurboFan, background threads)', (f) => /v8::internal::compiler::|Turbofan|OptimizedCompilationJob|Maglev/.test(f)],
  ['garbage collection', (f) => /Scavenger|v8::internal::Heap::|MarkCompact|ConcurrentMarking|Sweeper|MinorMark|GCTracer/.test(f)],
  ['pg driver (protocol, rows, query queue)', (f) => /node_modules\/pg(-protocol|-pool)?\//.test(f)],
  ['kysely (query building, executor)', (f) => /node_modules\/kysely\//.test(f)],
  ['request log (pino)', (f) => /node_modules\/pino|request-logger/.test(f)],
  ['metrics (prom-client)', (f) => /prom-client|routes\/metrics/.test(f)],
  ['twilio SDK (signature check, TwiML)', (f) => /node_modules\/twilio|xmlbuilder/.test(f)],
  ['IVR: flow engine, service, store, actions', (f) => /src\/ivr\/|src\/customers\/|src\/audit\//.test(f)],
  ['Fastify (routing, hooks, validation, reply)', (f) => /node_modules\/(fastify|find-my-way|@fastify|avvio|ajv|fast-json|fast-querystring|light-my)/.test(f)],
  ['Node HTTP and streams', (f) => /node:_http|node:internal\/streams|node:net|stream_base_commons|llhttp/.test(f)],
  ['kernel: socket reads and writes', (f) => /kallsyms/.test(f)],
];
const count = new Map(); let total = 0; let main = 0;
for (const s of samples) {
  const lines = s.split('\n'); const tid = Number(lines[0].trim().split(/\s+/)[0]);
  const frames = lines.slice(1).map((l) => l.trim());
  total++; if (tid === mainTid) main++;
  let cat = 'other (V8 runtime, libuv, microtasks)';
  // leaf-first: first category that matches from the leaf up
  if (frames.some((f) => /finish_task_switch|__schedule/.test(f))) cat = 'kernel: context switches (sleep/wake in epoll)';
  else outer: for (const f of frames) for (const [name, test] of cats) if (test(f)) { cat = name; break outer; }
  if (tid !== mainTid && cat.startsWith('other')) cat = 'other threads (libuv pool, V8 platform)';
  count.set(cat, (count.get(cat) ?? 0) + 1);
}
console.log('samples', total, 'main thread', main);
for (const [k, v] of [...count].sort((a, b) => b[1] - a[1])) console.log(`${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
