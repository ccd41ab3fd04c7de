import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import { staffHeaders } from '../../test/helpers/staff.ts';
import type { StaffRole } from '../backoffice/access.ts';
import { DEMO_STAFF } from '../demo/demo-staff.ts';
import { createStaffAccount } from '../staff/accounts.ts';
import { StaffBrowser } from '../staff/test-support.ts';
import { ARTICLES } from './articles.ts';

/** The knowledge articles and their feedback box over HTTP, the comments stored in the database. */
describeEachDatabase('knowledge API', (backend) => {
  let database: TestDatabase;
  let app: App;
  let services: ReturnType<typeof testServices>;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    services = testServices(database);
    app = await buildApp(services, { logger: false });
    // The demo's agent and supervisor accounts (the branch user needs the demo's offices).
    for (const account of DEMO_STAFF.filter((a) => a.role === 'agent' || a.role === 'supervisor')) await createStaffAccount(database.db, services, account);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  type Headers = Record<string, string> | Promise<Record<string, string>>;
  /** A staff member of that role, signed in for real (test/helpers/staff.ts). */
  const as = (id: string, role: StaffRole, office?: string) => staffHeaders(app, services, id, role, office);
  const agent = (): Headers => as('ana', 'agent');
  const get = async (url: string, headers: Headers = agent()) => app.inject({ method: 'GET', url, headers: await headers });
  const feedback = async (id: string, payload: unknown, headers: Headers = agent()) =>
    app.inject({ method: 'POST', url: `/api/knowledge/${id}/feedback`, headers: await headers, payload: payload as Record<string, unknown> });

  it('is in the OpenAPI document under the back office', async () => {
    const doc = (await app.inject('/docs/json')).json();
    for (const path of ['/api/knowledge', '/api/knowledge/{id}', '/api/knowledge/{id}/feedback', '/api/knowledge/feedback']) expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.paths['/api/knowledge/{id}/feedback'].post.tags).toEqual(['backoffice']);
  });

  it('needs a staff identity', async () => {
    expect((await get('/api/knowledge', {})).statusCode).toBe(401);
    expect((await get('/api/knowledge/contact', {})).statusCode).toBe(401);
    expect((await feedback('contact', { comment: 'x' }, {})).statusCode).toBe(401);
  });

  it('lists every article for any role, in Spanish by default and in English with lang=en', async () => {
    const branch = await get('/api/knowledge', as('olga', 'branch', '0123'));
    expect(branch.statusCode).toBe(200);
    expect(branch.headers['cache-control']).toBe('no-store');
    const list = branch.json().articles;
    expect(list.map((a: { id: string }) => a.id)).toEqual(ARTICLES.map((a) => a.id));
    expect(list[0]).toEqual({ id: 'contact', topic: 'contact', title: 'Contacto con el cliente y confirmación de la operación', summary: expect.any(String) });
    const en = (await get('/api/knowledge?lang=en')).json().articles;
    expect(en[0].title).toBe('Calling the customer and confirming the operation');
  });

  it('searches the articles, accents and case aside', async () => {
    const res = await get(`/api/knowledge?q=${encodeURIComponent('TIPOLOGÍA')}`);
    expect(res.json().articles.map((a: { id: string }) => a.id)).toEqual(['closing-and-categories']);
    expect((await get('/api/knowledge?q=nada%20de%20esto%20xyz')).json().articles).toEqual([]);
  });

  it('answers one article with the playbook steps of its outcome, each linked to its article', async () => {
    const res = await get('/api/knowledge/outcome-failed-security?lang=en');
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a.title).toBe('Does not answer the security questions correctly');
    expect(a.playbook.requires).toEqual(['Only after the security questions were failed']);
    expect(a.playbook.steps.map((s: { action: string }) => s.action)).toEqual([
      'block_cae', 'block_signature', 'set_profile_read_only', 'say', 'create_main_case', 'link_and_close_alert_case', 'apply_macro', 'await_email_sent',
    ]);
    expect(a.playbook.steps[0]).toMatchObject({ label: 'Contact-centre (CAE) block', articleId: 'blocks' });
    expect(a.playbook.variants.map((v: { variant: string }) => v.variant)).toEqual(['branch', 'virtual']);
    expect(a.seed[0]).toContain('No responde correctamente a las preguntas de seguridad');
    expect(a.related.map((r: { id: string }) => r.id)).toEqual(['blocks', 'main-case-and-macros', 'managing-office', 'security-questions']);
    const directory = (await get('/api/knowledge/directory')).json();
    expect(directory).toMatchObject({ playbook: null, page: '/console/directory' });
  });

  it('answers 404 article_not_found for an unknown article and 400 for a malformed id', async () => {
    const res = await get('/api/knowledge/no-such-article');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ reason: 'article_not_found', message: 'No existe ese artículo.' });
    expect((await get('/api/knowledge/NOT%20AN%20ID')).statusCode).toBe(400);
    const post = await feedback('no-such-article', { comment: 'hola' });
    expect(post.statusCode).toBe(404);
  });

  it('stores feedback in the database with its author, and refuses an empty or oversized comment', async () => {
    const before = services.clock.now();
    const res = await feedback('fraud-protocol', { comment: '  Falta el texto de la pregunta del protocolo.  ', helpful: false });
    expect(res.statusCode).toBe(201);
    const { id, createdAt } = res.json();
    expect(createdAt).toBe(before.toISOString());
    const row = await database.db.selectFrom('knowledge_feedback' as never).selectAll().where('id' as never, '=', id as never).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ article_id: 'fraud-protocol', author: 'staff:ana', helpful: false, comment: 'Falta el texto de la pregunta del protocolo.' });

    const blank = await feedback('fraud-protocol', { comment: '   ' }, { ...(await agent()), 'accept-language': 'en' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ reason: 'feedback_empty', message: 'Please write your comment before sending it.' });
    expect((await feedback('fraud-protocol', { comment: 'x'.repeat(2001) })).statusCode).toBe(400);
    expect((await feedback('fraud-protocol', { comment: 'ok', extra: 1 })).statusCode).toBe(400);
    expect((await feedback('fraud-protocol', {})).statusCode).toBe(400);
  });

  it('shows the comments received to supervisors and admins only, newest first, by article', async () => {
    await feedback('directory', { comment: 'Añadir el horario de la Mesa de cambio en sábados.', helpful: true }, as('bea', 'branch', '0123'));
    services.clock.advance(60_000);
    await feedback('directory', { comment: 'Muy útil.' });
    expect((await get('/api/knowledge/feedback')).statusCode).toBe(403);
    const refused = await get('/api/knowledge/feedback', as('olga', 'branch', '0123'));
    expect(refused.json()).toMatchObject({ reason: 'role_required' });
    const res = await get('/api/knowledge/feedback?articleId=directory', as('sara', 'supervisor'));
    expect(res.statusCode).toBe(200);
    expect(res.json().feedback.map((f: { comment: string; author: string; helpful: boolean | null }) => [f.author, f.helpful, f.comment])).toEqual([
      ['staff:ana', null, 'Muy útil.'],
      ['staff:bea', true, 'Añadir el horario de la Mesa de cambio en sábados.'],
    ]);
    const all = await get('/api/knowledge/feedback?limit=500', as('root', 'admin'));
    expect(all.json().feedback.length).toBe(3);
  });

  it('serves a signed-in staff member on the session cookie, the feedback only with the CSRF token', async () => {
    const agentSession = await new StaffBrowser(app).signIn('agent');
    const list = await agentSession.get('/api/knowledge');
    expect(list.status).toBe(200);
    expect((list.body.articles as unknown[]).length).toBe(ARTICLES.length);
    expect((await agentSession.post('/api/knowledge/directory/feedback', { comment: 'Sin token.' }, { csrf: false })).status).toBe(403);
    const sent = await agentSession.post('/api/knowledge/directory/feedback', { comment: 'Con sesión y token.' });
    expect(sent.status).toBe(201);
    const row = await database.db.selectFrom('knowledge_feedback' as never).selectAll().where('id' as never, '=', sent.body.id as never).executeTakeFirstOrThrow();
    expect((row as { author: string }).author).toMatch(/^staff:/);
    expect((await agentSession.get('/api/knowledge/feedback')).status).toBe(403);
    const supervisor = await new StaffBrowser(app).signIn('supervisor');
    expect((await supervisor.get('/api/knowledge/feedback?articleId=directory')).status).toBe(200);
  });
});
