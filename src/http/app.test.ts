import { Type } from '@fastify/type-provider-typebox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import { AppError } from '../platform/errors.ts';
import { buildApp, type App } from './app.ts';

describeEachDatabase('HTTP edge', (backend) => {
  let database: TestDatabase;
  let app: App;
  const lines: string[] = [];
  beforeAll(async () => {
    database = await freshDatabase(backend);
    const services = testServices(database, { logLevel: 'info' });
    app = await buildApp(services, { logStream: { write: (l) => void lines.push(l) } });
    app.post(
      '/test/echo',
      { schema: { body: Type.Object({ n: Type.Integer({ minimum: 1 }) }) } },
      async (req) => req.body,
    );
    app.get('/test/conflict', async () => {
      throw new AppError('conflict', 'already done');
    });
    app.get('/test/crash', async () => {
      throw new Error('secret internals: password=hunter2');
    });
    app.get('/test/nul', async () => {
      throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    });
    app.get('/test/logs', async (req) => {
      req.log.info({ password: 'pw-in-a-handler', form: { Digits: '4321' }, step: 1 }, 'a line of a handler');
      req.log.warn('a message with %s', 'an argument');
      req.log.error(new Error('an error object'));
      return { ok: true };
    });
    app.get('/test/deadlock', async () => {
      throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('answers liveness and readiness', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: backend.name });
  });

  it('serves Prometheus metrics and the OpenAPI document', async () => {
    await app.inject('/healthz');
    const metrics = await app.inject('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('http_request_duration_seconds_bucket{');
    expect(metrics.body).toContain('route="/healthz"');
    const doc = (await app.inject('/docs/json')).json();
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toContain('/readyz');
  });

  it('answers bad input with a 400 and a message, in the asked language', async () => {
    const es = await app.inject({ method: 'POST', url: '/test/echo', payload: { n: 0 } });
    expect(es.statusCode).toBe(400);
    expect(es.json()).toMatchObject({ error: 'validation', message: 'Los datos enviados no son válidos.' });
    const en = await app.inject({ method: 'POST', url: '/test/echo?lang=en', payload: 'nope', headers: { 'content-type': 'application/json' } });
    expect(en.statusCode).toBe(400);
    expect(en.json().message).toBe('The data sent is not valid.');
  });

  it('maps domain errors to their status and hides unexpected ones', async () => {
    const conflict = await app.inject('/test/conflict');
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ error: 'conflict', detail: 'already done' });
    const crash = await app.inject('/test/crash');
    expect(crash.statusCode).toBe(500);
    expect(crash.body).not.toContain('hunter2');
  });

  it('never logs authorization headers or cookies', async () => {
    await app.inject({ url: '/healthz', headers: { authorization: 'Bearer top-secret-token', cookie: 'sid=secret-session' } });
    const log = lines.join('');
    expect(log).toContain('/healthz');
    expect(log).not.toContain('top-secret-token');
    expect(log).not.toContain('secret-session');
  });

  it('logs one line per request, with path, route, status and time but no query string', async () => {
    lines.length = 0;
    await app.inject({ method: 'POST', url: '/test/echo?token=abc123secret', payload: { n: 2 } });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ msg: 'request', method: 'POST', path: '/test/echo', route: '/test/echo', status: 200 });
    expect(typeof line.ms).toBe('number');
    expect(lines[0]).not.toContain('abc123secret');
  });

  it('writes the request line with the request id after the base fields, in the same order as ever', async () => {
    lines.length = 0;
    await app.inject({ url: '/healthz' });
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(['level', 'time', 'service', 'reqId', 'method', 'path', 'route', 'status', 'ms', 'ip', 'msg']);
    expect(line).toMatchObject({ level: 30, service: 'cerrojo', reqId: expect.stringMatching(/^req-/), route: '/healthz', status: 200 });
  });

  it("carries the request id on a handler's lines, redacts their secrets and logs errors whole", async () => {
    lines.length = 0;
    await app.inject({ url: '/test/logs' });
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((l) => l.msg)).toEqual(['a line of a handler', 'a message with an argument', 'an error object', 'request']);
    expect(new Set(parsed.map((l) => l.reqId)).size).toBe(1);
    expect(parsed[0]).toMatchObject({ password: '[redacted]', form: { Digits: '[redacted]' }, step: 1 });
    expect(parsed[2]).toMatchObject({ level: 50, err: { type: 'Error', message: 'an error object' } });
    expect(lines.join('')).not.toMatch(/pw-in-a-handler|4321/);
  });

  it('answers a value PostgreSQL refuses (a NUL in text) with 400, not 500', async () => {
    const res = await app.inject('/test/nul');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation' });
  });

  it('answers a deadlock that outlived its retries with 503 and Retry-After', async () => {
    const res = await app.inject('/test/deadlock');
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json()).toMatchObject({ error: 'unavailable' });
  });

  it('reports not ready when the database is gone', async () => {
    await database.close();
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(503);
  });
});
