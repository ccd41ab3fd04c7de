import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { openBank, type Bank } from '../banking/test-support.ts';
import { describeEachDatabase } from '../../test/helpers/db.ts';
import { freshCustomer, postAlert, SOURCE, staffClient } from '../backoffice/cases/test-support.ts';
import { StaffBrowser } from '../staff/test-support.ts';

// Several argon2 sign-ins per test: on a loaded shared machine they outlast the default 30 s.
vi.setConfig({ testTimeout: 90_000 });

interface Sse {
  id: string;
  event: string;
  data: Record<string, unknown>;
}

/** An open event stream over a real socket, parsed as it arrives. */
class EventStream {
  private readonly seen: Sse[] = [];
  private buffer = '';
  private readonly abort = new AbortController();
  private waiter: (() => void) | undefined;
  ended = false;
  status = 0;

  static async open(base: string, cookies: Record<string, string>, lastEventId?: string): Promise<EventStream> {
    const s = new EventStream();
    const cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${base}/api/console/events`, { headers: { cookie, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) }, signal: s.abort.signal });
    s.status = res.status;
    if (res.ok && res.body) void s.read(res.body.getReader());
    return s;
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
          const block = this.buffer.slice(0, cut);
          this.buffer = this.buffer.slice(cut + 2);
          const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
          if (fields.event) this.seen.push({ id: fields.id ?? '', event: fields.event, data: JSON.parse(fields.data ?? '{}') });
        }
        this.waiter?.();
      }
    } catch {
      // Aborted by close().
    }
    this.ended = true;
    this.waiter?.();
  }

  /** Waits (no fixed delay: until the test's own timeout) for an event matching `match`. */
  async next(match: (e: Sse) => boolean): Promise<Sse> {
    for (;;) {
      const found = this.seen.find(match);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended; seen ${JSON.stringify(this.seen)}`);
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  events(): Sse[] {
    return [...this.seen];
  }

  close(): void {
    this.abort.abort();
  }
}

describeEachDatabase('console: live updates (server-sent events)', (backend) => {
  let bank: Bank;
  let base: string;
  const streams: EventStream[] = [];
  beforeEach(async () => {
    bank = await openBank(backend, { 'backoffice.alertSources': [SOURCE], 'console.eventsPollMs': 100 });
    await bank.app.listen({ port: 0, host: '127.0.0.1' });
    const address = bank.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterEach(async () => {
    // The server closes with streams still open: it ends them rather than wait on them.
    await bank.close();
    for (const s of streams.splice(0)) s.close();
  });
  const open = async (cookies: Record<string, string>, lastEventId?: string) => {
    const s = await EventStream.open(base, cookies, lastEventId);
    streams.push(s);
    return s;
  };
  const as = (role: 'agent' | 'branch' | 'admin') => new StaffBrowser(bank.app).signIn(role);

  it('delivers a new alert’s case to an agent, and a mention to its office’s branch user only', async () => {
    const agent = await as('agent');
    const branch = await as('branch');
    const agentStream = await open(agent.cookies);
    const branchStream = await open(branch.cookies);
    expect(agentStream.status).toBe(200);

    const customer = await freshCustomer(bank, '0123');
    const alert = await postAlert(bank.app, { sourceAlertId: 'live-1', customer: { externalId: customer.external_id }, situation: 'held_transfer' });
    expect(alert.status).toBe(201);
    const created = await agentStream.next((e) => e.event === 'case' && e.data.caseId === alert.body.caseId);
    expect(created.data).toEqual({ caseId: alert.body.caseId, number: alert.body.caseNumber, queue: 'contact_centre', type: 'created' });
    expect(Number(created.id)).toBeGreaterThan(0);

    const mention = await staffClient(bank, 'ana.agente').post(`/api/cases/${alert.body.caseId as string}/mentions`, { targetKind: 'office', targetId: '0123', text: 'Cliente de vuestra oficina.' });
    expect(mention.status).toBe(201);
    const heard = await branchStream.next((e) => e.event === 'mention');
    expect(heard.data).toEqual({ mentionId: mention.body.id, caseId: alert.body.caseId, targetKind: 'office', targetId: '0123' });
    await agentStream.next((e) => e.event === 'case' && e.data.type === 'mention');
    // The branch user heard nothing of the contact centre's case, and the agent of no mention.
    expect(branchStream.events().filter((e) => e.event === 'case')).toEqual([]);
    expect(agentStream.events().filter((e) => e.event === 'mention')).toEqual([]);
  });

  it('resumes after Last-Event-ID, refuses a request without a session and ends with the session', async () => {
    const agent = await as('agent');
    expect((await open({})).status).toBe(401);
    const customer = await freshCustomer(bank, '0123');
    const first = await postAlert(bank.app, { sourceAlertId: 'r-1', customer: { externalId: customer.external_id }, situation: 'one' });
    const stream = await open(agent.cookies);
    const second = await postAlert(bank.app, { sourceAlertId: 'r-2', customer: { externalId: customer.external_id }, situation: 'two' });
    const secondEvent = await stream.next((e) => e.data.caseId === second.body.caseId);
    expect(stream.events().some((e) => e.data.caseId === first.body.caseId)).toBe(false);

    // A new stream from before the second case's event hears it again, and nothing older.
    const resumed = await open(agent.cookies, String(Number(secondEvent.id) - 1));
    expect((await resumed.next(() => true)).id).toBe(secondEvent.id);

    expect((await agent.post('/api/staff/logout')).status).toBe(204);
    await stream.next((e) => e.event === 'end');
  });
});
