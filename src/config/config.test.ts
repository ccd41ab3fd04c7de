import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { apiDocsEnabled, callsProvider, ConfigError, listenHost, loadConfig, oidcEnabled, oidcRedirectUri, parseOidcRoleMap, secureCookies, serveWorkers, trustProxyOption } from './config.ts';

const dev = { CERROJO_DEV: 'true' };

describe('configuration', () => {
  it('has working defaults in dev mode', () => {
    const config = loadConfig(dev);
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./data');
    expect(config.limits.passwordAttempts).toBe(5);
    expect(config.limits.pinAttempts).toBe(5);
    expect(config.limits.codeTtlSeconds).toBeLessThanOrEqual(600);
  });

  it('reads the environment and converts types', () => {
    const config = loadConfig({ ...dev, PORT: '8080', DATABASE_URL: 'postgres://u@h/db', DATA_DIR: '/tmp/x' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@h/db', dataDir: '/tmp/x' });
  });

  it.each([
    [{ PORT: 'abc' }, 'port (PORT)'],
    [{ PORT: '70000' }, 'port (PORT)'],
    [{ DATABASE_URL: 'mysql://x' }, 'databaseUrl (DATABASE_URL)'],
    [{ LOG_LEVEL: 'loud' }, 'logLevel (LOG_LEVEL)'],
    [{ SECRET_KEY: 'short' }, 'secretKey (SECRET_KEY)'],
  ])('stops on a bad value naming the key: %o', (env, key) => {
    expect(() => loadConfig({ ...dev, ...env })).toThrowError(new RegExp(`"${key.replace(/[()]/g, '\\$&')}"`));
  });

  it('refuses one-time codes living longer than 10 minutes', () => {
    expect(() => loadConfig(dev, { 'limits.codeTtlSeconds': 601 })).toThrowError(/limits\.codeTtlSeconds/);
  });

  it('reads an optional JSON file, overridden by the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cerrojo-config-'));
    const file = join(dir, 'cerrojo.json');
    writeFileSync(file, JSON.stringify({ port: 4000, limits: { pinAttempts: 3 } }));
    expect(loadConfig(dev, {}, file)).toMatchObject({ port: 4000, limits: { pinAttempts: 3, codeAttempts: 5 } });
    expect(loadConfig({ ...dev, PORT: '4001' }, {}, file).port).toBe(4001);
    writeFileSync(file, '{ not json');
    expect(() => loadConfig(dev, {}, file)).toThrowError(ConfigError);
  });

  it('requires real secrets and real channels outside dev mode', () => {
    expect(() => loadConfig({})).toThrowError(/secretKey/);
    const prod = { SECRET_KEY: 'ab'.repeat(32), ADMIN_TOKEN: 'x'.repeat(32), AUDIT_KEY: 'cd'.repeat(32) };
    expect(() => loadConfig(prod)).toThrowError(/dev message sink/);
    expect(() => loadConfig({ ...prod, NOTIFY_EMAIL: 'smtp', NOTIFY_SMS: 'twilio' })).toThrowError(/smtpUrl/);
    const channels = {
      ...prod,
      NOTIFY_EMAIL: 'smtp',
      SMTP_URL: 'smtp://mail.bank.example:587',
      NOTIFY_SMS: 'twilio',
      TWILIO_ACCOUNT_SID: 'AC123',
      TWILIO_AUTH_TOKEN: 'tok',
      TWILIO_FROM: '+34950000000',
    };
    expect(() => loadConfig(channels)).toThrowError(/publicBaseUrl \(PUBLIC_BASE_URL\)/);
    const ok = loadConfig({ ...channels, PUBLIC_BASE_URL: 'https://cerrojo.example-bank.es' });
    expect(ok.dev).toBe(false);
    expect(loadConfig({ ...channels, IVR_ENABLED: 'false' }).ivr.enabled).toBe(false);
  });

  it('reads staff single sign-on from the environment and refuses an incomplete or unsafe one', () => {
    const prod = { SECRET_KEY: 'ab'.repeat(32), ADMIN_TOKEN: 'x'.repeat(32), NOTIFY_EMAIL: 'smtp', SMTP_URL: 'smtp://m.example:587', NOTIFY_SMS: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+34950000000', PUBLIC_BASE_URL: 'https://cerrojo.bank.es', AUDIT_KEY: 'cd'.repeat(32) };
    expect(oidcEnabled(loadConfig(prod))).toBe(false);
    expect(() => loadConfig({ ...prod, STAFF_LOCAL_LOGIN: 'false' })).toThrowError(/nobody could sign in/);
    const sso = { ...prod, OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0', OIDC_CLIENT_ID: 'app-id', OIDC_CLIENT_SECRET: 's3cret', OIDC_ROLE_MAP: 'g-sup=supervisor,g-agents=agent', STAFF_LOCAL_LOGIN: 'false', OIDC_LABEL: 'Entrar con Entra ID' };
    const config = loadConfig(sso);
    expect(config.console).toMatchObject({ localLogin: false, oidc: { scopes: 'openid profile email', roleClaim: 'groups', label: 'Entrar con Entra ID', tokenAuthMethod: 'client_secret_basic', allowHttp: false } });
    expect(oidcRedirectUri(config)).toBe('https://cerrojo.bank.es/api/staff/oidc/callback');
    expect(() => loadConfig({ ...sso, OIDC_CLIENT_ID: '' })).toThrowError(/clientId \(OIDC_CLIENT_ID\)/);
    expect(() => loadConfig({ ...sso, OIDC_CLIENT_SECRET: '' })).toThrowError(/OIDC_CLIENT_SECRET/);
    expect(loadConfig({ ...sso, OIDC_CLIENT_SECRET: '', OIDC_TOKEN_AUTH_METHOD: 'none' }).console.oidc.tokenAuthMethod).toBe('none');
    expect(() => loadConfig({ ...sso, OIDC_ROLE_MAP: '' })).toThrowError(/OIDC_ROLE_MAP/);
    expect(() => loadConfig({ ...sso, OIDC_ROLE_MAP: 'g=root' })).toThrowError(/"root" is not a role/);
    expect(() => loadConfig({ ...sso, OIDC_ROLE_MAP: 'g-branch=branch' })).toThrowError(/OIDC_OFFICE_CLAIM/);
    expect(() => loadConfig({ ...sso, OIDC_SCOPES: 'profile email' })).toThrowError(/openid/);
    expect(() => loadConfig({ ...sso, OIDC_ISSUER: 'http://idp.bank.es' })).toThrowError(/https/);
    // Plain http is for a test or local provider: dev mode and an explicit flag, never production.
    expect(() => loadConfig({ ...sso, OIDC_ISSUER: 'http://idp.bank.es', OIDC_ALLOW_HTTP: 'true' })).toThrowError(/only allowed in dev mode/);
    expect(() => loadConfig({ ...sso, CERROJO_DEV: 'true', OIDC_ISSUER: 'http://127.0.0.1:9' })).toThrowError(/OIDC_ALLOW_HTTP/);
    expect(loadConfig({ ...sso, CERROJO_DEV: 'true', OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_ALLOW_HTTP: 'true' }).console.oidc.allowHttp).toBe(true);
    expect(() => loadConfig({ ...sso, PUBLIC_BASE_URL: '', IVR_ENABLED: 'false' })).toThrowError(/OIDC_REDIRECT_URI/);
    expect(parseOidcRoleMap(' a = agent , b=c=fraud ')).toEqual([{ value: 'a', role: 'agent' }, { value: 'b=c', role: 'fraud' }]);
    expect(() => parseOidcRoleMap('a=agent,a=admin')).toThrowError(/twice/);
    expect(() => parseOidcRoleMap('agent')).toThrowError(ConfigError);
  });

  it('refuses to start outside dev mode without an audit key of its own, and reads the earlier keys as a list', () => {
    const prod = {
      SECRET_KEY: 'ab'.repeat(32),
      ADMIN_TOKEN: 'x'.repeat(32),
      NOTIFY_EMAIL: 'smtp',
      SMTP_URL: 'smtp://mail.bank.example:587',
      NOTIFY_SMS: 'twilio',
      TWILIO_ACCOUNT_SID: 'AC123',
      TWILIO_AUTH_TOKEN: 'tok',
      TWILIO_FROM: '+34950000000',
      IVR_ENABLED: 'false',
    };
    expect(() => loadConfig(prod)).toThrowError(/"audit\.key \(AUDIT_KEY\)": required outside dev mode/);
    expect(() => loadConfig({ ...prod, AUDIT_KEY: 'ab'.repeat(32) })).toThrowError(/must differ from secretKey/);
    expect(() => loadConfig({ ...prod, AUDIT_KEY: 'cd'.repeat(8) })).toThrowError(/audit\.key \(AUDIT_KEY\)/);
    expect(() => loadConfig({ ...prod, AUDIT_KEY: 'cd'.repeat(32), AUDIT_PREVIOUS_KEYS: 'short' })).toThrowError(/audit\.previousKeys.*\(AUDIT_PREVIOUS_KEYS\)/);
    const ok = loadConfig({ ...prod, AUDIT_KEY: 'cd'.repeat(32), AUDIT_PREVIOUS_KEYS: ` ${'ef'.repeat(32)}, ${'01'.repeat(32)} `, AUDIT_CHECKPOINT_FILE: '/var/log/cerrojo/audit-checkpoints.jsonl' });
    expect(ok.audit).toEqual({
      key: 'cd'.repeat(32),
      previousKeys: ['ef'.repeat(32), '01'.repeat(32)],
      checkpointFile: '/var/log/cerrojo/audit-checkpoints.jsonl',
      checkpointIntervalSeconds: 300,
      sealIntervalMs: 200,
      sealBatchSize: 500,
    });
    // Dev mode makes its own (resolveSecrets keeps it under the data folder).
    expect(loadConfig({ CERROJO_DEV: 'true' }).audit.key).toBeUndefined();
  });

  it('places the console’s calls on the dev phone in dev mode, nowhere in production unless set, and needs Twilio’s keys and the agents’ phones from the environment', () => {
    expect(callsProvider(loadConfig(dev))).toBe('dev');
    const prod = { SECRET_KEY: 'ab'.repeat(32), ADMIN_TOKEN: 'x'.repeat(32), AUDIT_KEY: 'cd'.repeat(32), NOTIFY_EMAIL: 'smtp', SMTP_URL: 'smtp://m.example:587', NOTIFY_SMS: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+34950000000', PUBLIC_BASE_URL: 'https://cerrojo.bank.es' };
    expect(callsProvider(loadConfig(prod))).toBe('off');
    expect(() => loadConfig({ ...prod, CALLS_PROVIDER: 'dev' })).toThrowError(/calls\.provider \(CALLS_PROVIDER\).*only in dev mode/);
    expect(() => loadConfig({ ...prod, CALLS_PROVIDER: 'twilio' })).toThrowError(/calls\.callerId \(CALLS_CALLER_ID\)/);
    expect(() => loadConfig({ ...dev, CALLS_PROVIDER: 'twilio', CALLS_CALLER_ID: '+34950000000' })).toThrowError(/notify\.twilioAccountSid/);
    const twilio = loadConfig({ ...prod, CALLS_PROVIDER: 'twilio', CALLS_CALLER_ID: '+34950000000', CALLS_AGENT_PHONES: '{"ana.agent":"+34600111222","luis.agent":"sip:luis@pbx.bank.example"}', CALLS_RING_TIMEOUT_SECONDS: '25' });
    expect(twilio.calls).toMatchObject({ provider: 'twilio', agentPhones: { 'ana.agent': '+34600111222', 'luis.agent': 'sip:luis@pbx.bank.example' }, ringTimeoutSeconds: 25 });
    expect(() => loadConfig({ ...dev, CALLS_AGENT_PHONES: '{"ana.agent":"600 111 222"}' })).toThrowError(/calls\.agentPhones/);
  });

  it('listens on loopback in dev mode, everywhere in production, or on HOST', () => {
    expect(listenHost(loadConfig(dev))).toBe('127.0.0.1');
    expect(listenHost(loadConfig({ ...dev, HOST: '0.0.0.0' }))).toBe('0.0.0.0');
    expect(listenHost({ dev: false, host: undefined })).toBe('0.0.0.0');
    expect(listenHost({ dev: false, host: '10.0.0.5' })).toBe('10.0.0.5');
  });

  it('reads service accounts (SERVICE_ACCOUNTS) by their token hashes, each name and token once, never the admin token', () => {
    const hash = (token: string) => createHash('sha256').update(token).digest('hex');
    const crm = { name: 'crm', role: 'agent', tokenSha256: hash('crm-token-0123456789abcdef') };
    expect(loadConfig(dev).serviceAccounts).toEqual([]);
    expect(loadConfig({ ...dev, SERVICE_ACCOUNTS: JSON.stringify([crm]) }).serviceAccounts).toEqual([crm]);
    const refused = (accounts: unknown[], env: Record<string, string> = {}) => () => loadConfig({ ...dev, ...env, SERVICE_ACCOUNTS: JSON.stringify(accounts) });
    expect(refused([{ ...crm, tokenSha256: 'not-a-hash' }])).toThrowError(/serviceAccounts\.0\.tokenSha256 \(SERVICE_ACCOUNTS\)/);
    expect(refused([{ ...crm, token: 'plain' }])).toThrowError(/SERVICE_ACCOUNTS/);
    expect(refused([crm, { ...crm, tokenSha256: hash('other-token-0123456789abcd') }])).toThrowError(/"crm" appears twice/);
    expect(refused([crm, { ...crm, name: 'erp' }])).toThrowError(/token of another account/);
    expect(refused([{ ...crm, role: 'branch' }])).toThrowError(/needs officeCode/);
    expect(loadConfig({ ...dev, SERVICE_ACCOUNTS: JSON.stringify([{ ...crm, role: 'branch', officeCode: '0123' }]) }).serviceAccounts[0]).toMatchObject({ officeCode: '0123' });
    expect(refused([{ ...crm, tokenSha256: hash('admin-token-0123456789abcdef') }], { ADMIN_TOKEN: 'admin-token-0123456789abcdef' })).toThrowError(/admin token provisions only/);
  });

  it('serves the API docs in dev mode only unless API_DOCS says otherwise; reads the metrics token and the timeouts', () => {
    expect(apiDocsEnabled(loadConfig(dev))).toBe(true);
    expect(apiDocsEnabled({ dev: false, apiDocs: undefined })).toBe(false);
    expect(apiDocsEnabled({ dev: false, apiDocs: true })).toBe(true);
    expect(apiDocsEnabled(loadConfig({ ...dev, API_DOCS: 'false' }))).toBe(false);
    expect(loadConfig({ ...dev, METRICS_TOKEN: 'm'.repeat(24) }).metricsToken).toBe('m'.repeat(24));
    expect(() => loadConfig({ ...dev, METRICS_TOKEN: 'short' })).toThrowError(/metricsToken \(METRICS_TOKEN\)/);
    expect(loadConfig(dev).http).toEqual({ requestTimeoutMs: 30_000, connectionTimeoutMs: 60_000, keepAliveTimeoutMs: 72_000 });
    expect(loadConfig({ ...dev, REQUEST_TIMEOUT_MS: '10000', CONNECTION_TIMEOUT_MS: '20000', KEEP_ALIVE_TIMEOUT_MS: '5000' }).http).toEqual({ requestTimeoutMs: 10_000, connectionTimeoutMs: 20_000, keepAliveTimeoutMs: 5000 });
    expect(() => loadConfig({ ...dev, REQUEST_TIMEOUT_MS: '0' })).toThrowError(/http\.requestTimeoutMs \(REQUEST_TIMEOUT_MS\)/);
  });

  it('keeps sessions within PSD2 limits and cookies Secure outside dev mode', () => {
    const dev = loadConfig({ CERROJO_DEV: 'true' });
    expect(dev.web.sessionIdleSeconds).toBe(300);
    expect(secureCookies(dev)).toBe(false);
    expect(secureCookies(loadConfig({ CERROJO_DEV: 'true', COOKIE_SECURE: 'true' }))).toBe(true);
    expect(secureCookies({ dev: false, web: {} as never })).toBe(true);
    expect(() => loadConfig({ CERROJO_DEV: 'true', SESSION_IDLE_SECONDS: '600' })).toThrowError(/web.sessionIdleSeconds \(SESSION_IDLE_SECONDS\)/);
    expect(dev.banking.fraudRules).toEqual({ amountOverCents: 500_000, newBeneficiaryOverCents: 100_000, newBeneficiaryWindowHours: 168, recentDeviceHours: 24 });
  });

  it('trusts no proxy unless told which (issue 14, finding 8), and never every one', () => {
    expect(loadConfig(dev).trustedProxies).toBe('none');
    expect(trustProxyOption('none')).toBe(false);
    expect(trustProxyOption('')).toBe(false);
    expect(trustProxyOption(loadConfig({ ...dev, TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.10,fd00::/8,loopback' }).trustedProxies)).toEqual(['10.0.0.0/8', '192.168.1.10', 'fd00::/8', 'loopback']);
    const twoHops = trustProxyOption('2') as (address: string, hop: number) => boolean;
    expect([twoHops('x', 0), twoHops('x', 1), twoHops('x', 2)]).toEqual([true, true, false]);
    for (const bad of ['true', '*', '10.0.0.0/33', '300.1.1.1', 'proxy.internal', '0', '10.0.0.1/8/1']) {
      expect(() => loadConfig({ ...dev, TRUSTED_PROXIES: bad }), bad).toThrowError(/trustedProxies \(TRUSTED_PROXIES\)/);
    }
  });

  it('reads the rate limits: defaults, REDIS_URL, the store and the window', () => {
    const limits = loadConfig(dev).rateLimit;
    expect(limits).toMatchObject({ windowSeconds: 600, login: { perIp: 60, perIdentity: 10 }, staffLogin: { perIp: 20, perIdentity: 10 }, ivrCalls: { perCaller: 10 } });
    expect(limits.store).toBeUndefined();
    expect(loadConfig({ ...dev, REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_STORE: 'redis', RATE_LIMIT_WINDOW_SECONDS: '60' }).rateLimit).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', store: 'redis', windowSeconds: 60 });
    expect(() => loadConfig({ ...dev, RATE_LIMIT_STORE: 'redis' })).toThrowError(/rateLimit.redisUrl \(REDIS_URL\)/);
    expect(() => loadConfig({ ...dev, RATE_LIMIT_STORE: 'disk' })).toThrowError(/rateLimit.store \(RATE_LIMIT_STORE\)/);
    expect(() => loadConfig({ ...dev, REDIS_URL: 'http://x' })).toThrowError(/rateLimit.redisUrl \(REDIS_URL\)/);
  });

  it('reads the SLA milestones by priority and refuses a priority without targets', () => {
    const sla = loadConfig(dev).backoffice.sla;
    expect(sla).toMatchObject({ defaultPriority: 'normal', warningFraction: 0.8, priorities: { high: { takeMinutes: 10, closeMinutes: 60 } }, situations: { sim_swap: 'high' } });
    const own = loadConfig({ ...dev, SLA_PRIORITIES: '{"urgent":{"takeMinutes":5,"closeMinutes":30},"normal":{"takeMinutes":20,"closeMinutes":120}}', SLA_SITUATIONS: '{"sim_swap":"urgent"}', SLA_WARNING_FRACTION: '0.5' }).backoffice.sla;
    expect(own).toMatchObject({ priorities: { urgent: { takeMinutes: 5, closeMinutes: 30 } }, situations: { sim_swap: 'urgent' }, warningFraction: 0.5 });
    expect(() => loadConfig({ ...dev, SLA_SITUATIONS: '{"sim_swap":"urgent"}' })).toThrowError(/backoffice\.sla\.situations \(SLA_SITUATIONS\).*"urgent" is not one of the priorities/);
    expect(() => loadConfig({ ...dev, SLA_PRIORITIES: '{"high":{"takeMinutes":10,"closeMinutes":60}}' })).toThrowError(/backoffice\.sla\.defaultPriority/);
    expect(() => loadConfig({ ...dev, SLA_PRIORITIES: '{"normal":{"takeMinutes":60,"closeMinutes":30}}' })).toThrowError(/closeMinutes must be more than takeMinutes/);
    expect(() => loadConfig({ ...dev, SLA_WARNING_FRACTION: '1' })).toThrowError(/backoffice\.sla\.warningFraction \(SLA_WARNING_FRACTION\)/);
  });

  it('runs one worker per core on PostgreSQL and one on PGlite, and refuses more on PGlite', () => {
    const pg = { ...dev, DATABASE_URL: 'postgres://u@h/db' };
    expect(serveWorkers(loadConfig(dev))).toBe(1);
    expect(serveWorkers(loadConfig(pg))).toBe(availableParallelism());
    expect(serveWorkers(loadConfig({ ...pg, CERROJO_WORKERS: '3' }))).toBe(3);
    expect(serveWorkers(loadConfig(pg, { workers: '2' }))).toBe(2);
    expect(serveWorkers(loadConfig({ ...dev, CERROJO_WORKERS: '1' }))).toBe(1);
    expect(() => loadConfig({ ...dev, CERROJO_WORKERS: '2' })).toThrowError(/"workers \(CERROJO_WORKERS\)": 2 workers need PostgreSQL \(DATABASE_URL\): the embedded PGlite database/);
    expect(() => loadConfig({ ...pg, CERROJO_WORKERS: '0' })).toThrowError(/"workers \(CERROJO_WORKERS\)"/);
    expect(() => loadConfig({ ...pg, CERROJO_WORKERS: 'all' })).toThrowError(/"workers \(CERROJO_WORKERS\)"/);
    // Limits counted in each process's memory would let N times the traffic through.
    expect(serveWorkers(loadConfig({ ...pg, RATE_LIMIT_STORE: 'memory' }))).toBe(1);
    expect(() => loadConfig({ ...pg, RATE_LIMIT_STORE: 'memory', CERROJO_WORKERS: '2' })).toThrowError(/rate limits counted in process memory/);
  });
});
