import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.ts';
import { browserBackend, freshDatabase, testServices, type TestDatabase } from '../helpers/db.ts';

/**
 * Issue 14, finding 11: a client that sends slowly, or not at all, must not hold a connection.
 * The review trickled a request body and kept the connection open for over 100 s. Each test runs a
 * real server with small timeouts (`http.*`, in milliseconds) and plays the slow client over a raw
 * socket; it must be cut off close to its limit, far inside the 10 s the test gives it.
 */

interface Ending {
  /** Milliseconds from the first byte to the server closing the connection. */
  ms: number;
  /** What the server sent back, if anything (a 408 for a request that ran out of time). */
  answer: string;
}

/** Connects, then writes `first` and one byte of `trickle` every `everyMs` until the server closes (or `giveUpMs`). */
function slowClient(port: number, first: string, trickle: string, everyMs: number, giveUpMs = 10_000): Promise<Ending> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error(`the server still held the connection after ${giveUpMs} ms; it answered: ${JSON.stringify(answer.slice(0, 200))}`));
    }, giveUpMs);
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('error', () => undefined); // a reset is a way of closing too
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ ms: Date.now() - started, answer });
    });
    socket.on('connect', () => {
      socket.write(first);
      if (trickle === '') return;
      timer = setInterval(() => {
        if (socket.destroyed) return;
        socket.write(trickle[sent % trickle.length]!);
        sent++;
      }, everyMs);
    });
  });
}

describe(`security: slow clients are cut off (finding 11) [${browserBackend().name}]`, () => {
  let database: TestDatabase;
  const apps: App[] = [];
  async function server(http: { requestTimeoutMs?: number; connectionTimeoutMs?: number; keepAliveTimeoutMs?: number }): Promise<number> {
    const overrides = Object.fromEntries(Object.entries(http).map(([k, v]) => [`http.${k}`, v]));
    const app = await buildApp(testServices(database, overrides), { logger: false });
    apps.push(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return (app.server.address() as { port: number }).port;
  }

  beforeAll(async () => {
    database = await freshDatabase(browserBackend());
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.drop();
  });

  /** A webhook: its signature is checked once the body has arrived, so the server waits for all of it. */
  const POST_HEAD = 'POST /ivr/twilio/voice HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n';

  it('ends a request whose body trickles in with 408 once requestTimeout has passed', async () => {
    const port = await server({ requestTimeoutMs: 1500 });
    // One byte every 100 ms: never idle long enough for any idle timeout, never done.
    const ending = await slowClient(port, POST_HEAD, 'CallSid=CA1&To=%2B34950183313&', 100);
    expect(ending.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ending.ms).toBeGreaterThanOrEqual(1400);
    expect(ending.ms).toBeLessThan(4000);
  }, 15_000);

  it('closes the connection when it answers before the body has arrived, instead of reading a trickle for ever', async () => {
    // No CSRF token: refused in a hook before the body is read. Node would go on reading (and
    // discarding) the rest of the body as slowly as it comes; the answer closes the connection.
    const port = await server({ requestTimeoutMs: 60_000 });
    const head = 'POST /api/recovery/start HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n';
    const ending = await slowClient(port, head, '{"a":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 100);
    expect(ending.answer).toMatch(/^HTTP\/1\.1 403/);
    expect(ending.answer.toLowerCase()).toContain('connection: close');
    expect(ending.ms).toBeLessThan(2000);
  }, 15_000);

  it('ends a request whose headers trickle in (slowloris) the same way', async () => {
    const port = await server({ requestTimeoutMs: 1500 });
    const ending = await slowClient(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n', 100);
    expect(ending.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ending.ms).toBeLessThan(4000);
  }, 15_000);

  it('closes a connection that goes silent mid-request once connectionTimeout has passed', async () => {
    // The request timeout is far away: only the idle (socket) timeout can end this one.
    const port = await server({ requestTimeoutMs: 60_000, connectionTimeoutMs: 1000 });
    const ending = await slowClient(port, POST_HEAD.slice(0, 40), '', 0);
    expect(ending.ms).toBeGreaterThanOrEqual(900);
    expect(ending.ms).toBeLessThan(4000);
  }, 15_000);

  it('closes an idle keep-alive connection once keepAliveTimeout has passed', async () => {
    const port = await server({ keepAliveTimeoutMs: 1000 });
    const ending = await slowClient(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n', '', 0);
    expect(ending.answer).toMatch(/^HTTP\/1\.1 200/);
    expect(ending.ms).toBeGreaterThanOrEqual(900);
    expect(ending.ms).toBeLessThan(4000);
  }, 15_000);

  it('ships defaults that end a trickled request well before 100 s', () => {
    const { http } = testServices(database).config;
    expect(http.requestTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(http.connectionTimeoutMs).toBeLessThanOrEqual(60_000);
    expect(http.keepAliveTimeoutMs).toBeLessThanOrEqual(75_000);
  });
});
