import { TestBrowser, type Reply } from '../banking/test-support.ts';
import { CSRF_HEADER } from '../http/csrf.ts';
import { DEMO_STAFF } from '../demo/demo-staff.ts';
import { STAFF_COOKIE } from './session-access.ts';

/** Helpers of the staff HTTP tests (imported only by `*.test.ts`). */

export type { Reply };
export type StaffRoleName = 'agent' | 'supervisor' | 'branch' | 'admin' | 'fraud';

/** The demo console user of a role (loaded with the demo bank). */
export const demoStaff = (role: StaffRoleName) => DEMO_STAFF.find((s) => s.role === role)!;

/** A console browser: the banking tests' browser (cookies, CSRF token), with PATCH and staff sign-in. */
export class StaffBrowser extends TestBrowser {
  async send(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, options: { csrf?: boolean } = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (method !== 'GET') {
      const token = await this.csrf();
      if (options.csrf !== false) headers[CSRF_HEADER] = token;
    }
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await this.app.inject({ method, url, headers, cookies: this.cookies, ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}) });
    this.keep(res);
    return { status: res.statusCode, body: res.body && String(res.headers['content-type']).includes('json') ? res.json() : {} };
  }

  override get(url: string): Promise<Reply> {
    return this.send('GET', url);
  }

  override post(url: string, payload: Record<string, unknown> = {}, options: { csrf?: boolean } = {}): Promise<Reply> {
    return this.send('POST', url, payload, options);
  }

  patch(url: string, payload: Record<string, unknown>): Promise<Reply> {
    return this.send('PATCH', url, payload);
  }

  override login(username: string, password: string): Promise<Reply> {
    return this.post('/api/staff/login', { username, password });
  }

  /** Signs in as the demo user of a role and fails the test if it cannot. */
  async signIn(role: StaffRoleName): Promise<this> {
    const who = demoStaff(role);
    const res = await this.login(who.username, who.password);
    if (res.status !== 200) throw new Error(`sign-in as ${who.username}: ${res.status} ${JSON.stringify(res.body)}`);
    return this;
  }

  override get session(): string | undefined {
    return this.cookies[STAFF_COOKIE];
  }
}
