import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { latency, now } from './stats.ts';

/**
 * The load generator of the plain-route comparison, in its own thread so that it runs beside
 * the server's event loop instead of on it. `connections` keep-alive connections, each writing
 * the next GET as soon as the last answer is complete, for `seconds`. It speaks HTTP/1.1 over
 * raw sockets with a prebuilt request and reads only the status and Content-Length: a client
 * as cheap as autocannon's, so that the server, not the client, is what gets measured.
 */
const { url, connections, seconds } = workerData as { url: string; connections: number; seconds: number };
const target = new URL(url);
const request = Buffer.from(`GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: keep-alive\r\n\r\n`);
const samples: number[] = [];
let errors = 0;
const until = now() + seconds * 1000;
const start = now();

function connection(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname);
    socket.setNoDelay(true);
    let pending: Buffer = Buffer.alloc(0);
    let sent = 0;
    const send = () => {
      if (now() >= until) return void socket.end(resolve);
      sent = now();
      socket.write(request);
    };
    socket.on('connect', send);
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        pending = pending.subarray(end + 4 + length);
        if (head.startsWith('HTTP/1.1 200')) samples.push(now() - sent);
        else errors++;
        send();
      }
    });
  });
}

await Promise.all(Array.from({ length: connections }, connection));
parentPort!.postMessage({ requests: samples.length, errors, ms: now() - start, latency: latency(samples) });
