import { randomInt, randomUUID } from 'node:crypto';
import { insertCard, insertCustomer, randomPan } from '../../customers/test-fixtures.ts';
import { buildApp, type App } from '../../http/app.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { Customer } from '../../platform/db/schema.ts';
import type { Services } from '../../platform/services.ts';
import { afterAll, beforeAll } from 'vitest';
import { loadDemoData } from '../../demo/load.ts';
import { provisioningDeps } from '../../provisioning/deps.ts';
import { freshDatabase, testServices, type Backend, type TestDatabase } from '../../../test/helpers/db.ts';
import { StaffFixture, type StaffServices } from '../../../test/helpers/staff.ts';
import { questionBank } from '../contact/security-checks.ts';
import { raiseAlert } from '../alerts/alerts.ts';
import type { Case } from '../schema.ts';
import type { StaffRole } from '../access.ts';
import type { SecurityFact } from '../contact/security-questions.ts';

/** Test data and an agent's client for the playbook's HTTP tests (imported only by `*.test.ts`). */

export type Kind = 'branch' | 'virtual' | 'entity';

export interface Person {
  customer: Customer;
  last4: string;
  userCode: string;
}

/** Who a scenario calls: the customer, and for an entity the representative who answers. */
export interface Scenario {
  kind: Kind;
  customer: Customer;
  /** The person who answers and is asked the questions. */
  answerer: Person;
}

const mobile = () => `+346${randomInt(10_000_000, 99_999_999)}`;
const landline = () => `+34950${randomInt(100_000, 999_999)}`;

/** A person with a card, an online-banking user and a mobile-signature device linked long ago. */
export async function newPerson(services: Services, fields: Partial<Customer> & { office_code: string }): Promise<Person> {
  const customer = await insertCustomer(services.db, { mobile: mobile(), email: `p${randomInt(1e9)}@example.test`, locale: 'es', ...fields });
  const last4 = String(randomInt(1000, 9999));
  await insertCard(services.db, services.hasher, customer.id, randomPan(last4), String(randomInt(1000, 9999)));
  const userCode = `U${customer.id.slice(0, 8).toUpperCase()}`;
  await services.db.updateTable('online_banking_users').set({ user_code: userCode }).where('customer_id', '=', customer.id).execute();
  await services.db
    .insertInto('devices')
    .values({ id: randomUUID(), customer_id: customer.id, external_id: `old-${customer.id}`, name: 'Old phone', platform: 'ios', linked_at: new Date(services.clock.now().getTime() - 400 * 86_400_000) })
    .execute();
  return { customer, last4, userCode };
}

/**
 * A customer like the demo's: a branch customer of 0123 with a landline and manager G0123-01, a
 * virtual-office customer of 8732 with manager W8732-01 and no landline, or a legal entity of 0123
 * whose representative answers. The demo offices and managers must be loaded.
 */
export async function newScenario(services: Services, kind: Kind): Promise<Scenario> {
  if (kind === 'branch') {
    const p = await newPerson(services, { office_code: '0123', manager_id: 'G0123-01', landline: landline() });
    return { kind, customer: p.customer, answerer: p };
  }
  if (kind === 'virtual') {
    const p = await newPerson(services, { office_code: '8732', manager_id: 'W8732-01', landline: null });
    return { kind, customer: p.customer, answerer: p };
  }
  const rep = await newPerson(services, { office_code: '0123' });
  const entity = await insertCustomer(services.db, {
    kind: 'entity',
    document_type: 'CIF',
    document_number: `B${randomInt(10_000_000, 99_999_999)}`,
    name: 'Invernaderos de Prueba S.L.',
    mobile: mobile(),
    landline: landline(),
    email: `e${randomInt(1e9)}@example.test`,
    office_code: '0123',
    manager_id: 'G0123-01',
  });
  await services.db.insertInto('representatives').values({ entity_id: entity.id, person_id: rep.customer.id, role: 'administrador' }).execute();
  return { kind, customer: entity, answerer: rep };
}

/** A new alert case of the customer (its own situation, so no other alert joins it). */
export async function newAlertCase(services: Services, customerId: string): Promise<Case> {
  const result = await raiseAlert(services.db, services, {
    source: 'fraud-engine',
    sourceAlertId: `T-${randomUUID()}`,
    customerId,
    operationId: null,
    situation: `test_${randomUUID().slice(0, 8)}`,
    details: { summary: 'test' },
    actor: 'alert-source:fraud-engine',
  });
  return result.case;
}

/** The right answer to a question over a fact, from what the test knows of the person. */
export function rightAnswer(person: Person, fact: SecurityFact): string {
  const c = person.customer;
  switch (fact) {
    case 'card_last4':
      return person.last4;
    case 'mobile_last3':
      return c.mobile!.slice(-3);
    case 'landline_last3':
      return c.landline!.slice(-3);
    case 'document_last3':
      return c.document_number.replace(/\D/g, '').slice(-3);
    case 'email':
      return ` ${c.email!.toUpperCase()} `;
    case 'user_code':
      return person.userCode.toLowerCase();
  }
}

export interface PlaybookTestApp {
  app: App;
  services: Services & { clock: ManualClock };
  close(): Promise<void>;
}

export async function playbookApp(services: Services & { clock: ManualClock }): Promise<PlaybookTestApp> {
  const app = await buildApp(services);
  await app.ready();
  return { app, services, close: () => app.close() };
}

/**
 * The app over a fresh database of `backend` holding the demo bank (offices, managers, the demo
 * customers and their alerts), for one suite: opened before its tests, dropped after them.
 */
export function demoBankSuite(backend: Backend, clock = new ManualClock(new Date())): () => PlaybookTestApp {
  let database: TestDatabase | undefined;
  let r: PlaybookTestApp | undefined;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    r = await playbookApp(testServices(database, {}, clock));
    await loadDemoData(r.services.db, provisioningDeps(r.services, 'system'));
  });
  afterAll(async () => {
    await r?.close();
    await database?.drop();
  });
  return () => r!;
}

/** The right answers to the questions of a check, from what the test knows of the person. */
export function rightAnswers(services: Services, person: Person, questions: readonly { id: string }[]): { questionId: string; answer: string }[] {
  return questions.map((q) => ({ questionId: q.id, answer: rightAnswer(person, questionBank(services).find((b) => b.id === q.id)!.fact) }));
}

/** An agent (or another staff member) calling the back-office API, signed in for real on first use. */
export class Agent {
  private signedIn: Promise<StaffFixture> | undefined;
  readonly app: App;
  constructor(
    private readonly bank: { app: App; services: StaffServices },
    readonly id = 'ana.agent',
    readonly role: StaffRole = 'agent',
    readonly office?: string,
  ) {
    this.app = bank.app;
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: object) {
    this.signedIn ??= StaffFixture.signIn(this.bank.app, this.bank.services, { id: this.id, role: this.role, office: this.office ?? null });
    const { headers } = await this.signedIn;
    return this.app.inject({ method, url, headers: { ...headers }, ...(body ? { payload: body } : {}) });
  }

  attempt(caseId: string, result: string, extra: { phoneKind?: string; answeredBy?: string } = {}) {
    return this.request('POST', `/api/cases/${caseId}/contact-attempts`, { result, ...extra });
  }

  startCheck(caseId: string, answeredBy?: string) {
    return this.request('POST', `/api/cases/${caseId}/security-checks`, answeredBy ? { answeredBy } : {});
  }

  answer(checkId: string, answers: { questionId: string; answer: string }[]) {
    return this.request('POST', `/api/security-checks/${checkId}/answers`, { answers });
  }

  outcome(caseId: string, outcome: string, extra: { closingComment?: string; answeredBy?: string; category?: string } = {}) {
    return this.request('POST', `/api/cases/${caseId}/outcome`, { outcome, ...extra });
  }
}
