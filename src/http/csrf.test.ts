import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, freshDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import { buildApp, type App } from './app.ts';
import { CSRF_COOKIE, CSRF_HEADER } from './csrf.ts';

/**
 * The CSRF plugin, on one route that takes it (`POST /api/banking/logout`: no body, so only the
 * CSRF check decides whether it is refused); the banking and recovery suites check it on their
 * own routes too, and test/security/forgery.test.ts on every state-changing route. The plugin
 * and the cookie parser live in the scope of the cookie faces only (app.ts), so a test route
 * added at the root would not see `app.csrfProtection`.
 */
const PROTECTED = '/api/banking/logout';

describe('CSRF protection', () => {
  let database: TestDatabase;
  let app: App;
  let secureApp: App;
  beforeAll(async () => {
    database = await freshDatabase(backends()[0]!);
    app = await buildApp(testServices(database), { logger: false });
    await app.ready();
    secureApp = await buildApp(testServices(database, { 'web.secureCookies': true }), { logger: false });
    await secureApp.ready();
  });
  afterAll(async () => {
    await app.close();
    await secureApp.close();
    await database.drop();
  });

  async function tokenAndCookie(target = app) {
    const res = await target.inject('/api/csrf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const cookie = res.cookies.find((c) => c.name === CSRF_COOKIE)!;
    return { token: res.json<{ token: string }>().token, cookie };
  }

  it('hands out a token and an HttpOnly, SameSite=Strict secret cookie', async () => {
    const { token, cookie } = await tokenAndCookie();
    expect(token.length).toBeGreaterThan(20);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();
    const secure = await tokenAndCookie(secureApp);
    expect(secure.cookie.secure).toBe(true);
  });

  it('accepts a request carrying the token that matches its cookie', async () => {
    const { token, cookie } = await tokenAndCookie();
    const res = await app.inject({ method: 'POST', url: PROTECTED, headers: { [CSRF_HEADER]: token }, cookies: { [CSRF_COOKIE]: cookie.value } });
    expect(res.statusCode).toBeLessThan(400);
  });

  it('refuses a missing token, a forged one and one from another browser with 403 reason csrf', async () => {
    const mine = await tokenAndCookie();
    const theirs = await tokenAndCookie();
    const attempts = [
      { cookies: { [CSRF_COOKIE]: mine.cookie.value } },
      { headers: { [CSRF_HEADER]: 'forged' }, cookies: { [CSRF_COOKIE]: mine.cookie.value } },
      { headers: { [CSRF_HEADER]: theirs.token }, cookies: { [CSRF_COOKIE]: mine.cookie.value } },
      { headers: { [CSRF_HEADER]: mine.token } },
    ];
    for (const attempt of attempts) {
      const res = await app.inject({ method: 'POST', url: PROTECTED, ...attempt });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'forbidden', reason: 'csrf' });
      expect(res.json<{ message: string }>().message).toMatch(/Recarga la página/);
    }
  });
});
