import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/helpers/db.ts';
import { importRecords } from '../provisioning/import.ts';
import { provisioningDeps } from '../provisioning/deps.ts';
import { balanceAmount } from './accounts.ts';
import { ANTONIO, MARIA, openBank, TestBrowser, type Bank } from './test-support.ts';

/**
 * Issue 15 §4: the online-banking home shows the customer's accounts and balances. The balances
 * are the core system's figures, fed by provisioning; the API shows a customer their own
 * accounts only, with the IBAN masked.
 */
describeEachDatabase('online banking: accounts and balances', (backend) => {
  let bank: Bank;
  beforeEach(async () => {
    bank = await openBank(backend);
  });
  afterEach(() => bank.close());
  const signedIn = async (who: { userCode: string; password: string }) => {
    const b = new TestBrowser(bank.app);
    expect((await b.login(who.userCode, who.password)).status).toBe(200);
    return b;
  };
  const feed = (accounts: Record<string, unknown>[], externalId = MARIA.externalId) =>
    bank.services.db
      .selectFrom('customers')
      .selectAll()
      .where('external_id', '=', externalId)
      .executeTakeFirstOrThrow()
      .then((c) =>
        importRecords(bank.services.db, provisioningDeps(bank.services, 'admin'), {
          customers: [
            {
              externalId: c.external_id, kind: c.kind, document: { type: c.document_type, number: c.document_number }, name: c.name,
              ...(c.mobile ? { mobile: c.mobile } : {}), ...(c.landline ? { landline: c.landline } : {}), ...(c.email ? { email: c.email } : {}),
              officeCode: c.office_code, ...(c.manager_id ? { managerId: c.manager_id } : {}), locale: c.locale, accounts,
            },
          ],
        }),
      );

  it("answers the signed-in customer's own accounts, IBAN masked, with the core's balances", async () => {
    const maria = await signedIn(MARIA);
    const res = await maria.get('/api/banking/accounts');
    expect(res.status).toBe(200);
    expect(res.body.accounts).toEqual([
      { id: expect.any(String), name: 'Cuenta Nómina', iban: 'ES*****4567', currency: 'EUR', balance: '2450.37', balanceAt: expect.any(String) },
      { id: expect.any(String), name: 'Cuenta Ahorro', iban: 'ES*****6543', currency: 'EUR', balance: '12800.00', balanceAt: expect.any(String) },
    ]);
    // The whole IBAN never leaves the server.
    expect(JSON.stringify(res.body)).not.toContain('0001234567');
    const antonio = await signedIn(ANTONIO);
    expect((await antonio.get('/api/banking/accounts')).body.accounts).toEqual([expect.objectContaining({ iban: 'ES*****1470', balance: '1890.10' })]);
  });

  it('refuses without a session', async () => {
    const res = await new TestBrowser(bank.app).get('/api/banking/accounts');
    expect(res).toMatchObject({ status: 401, body: { reason: 'no_session' } });
  });

  it('takes the newest figure of a feed, ignores an older one, and refuses an IBAN of another customer', async () => {
    const maria = await signedIn(MARIA);
    const now = bank.services.clock.now();
    const later = new Date(now.getTime() + 60_000).toISOString();
    const earlier = new Date(now.getTime() - 3_600_000).toISOString();
    expect(await feed([{ iban: 'ES02 3058 0123 6800 0123 4567', name: 'Cuenta Nómina', balance: '-35,2', balanceAt: later }])).toMatchObject({ updated: 1, errors: [] });
    const nomina = async () => ((await maria.get('/api/banking/accounts')).body.accounts as { name: string; balance: string; balanceAt: string }[]).find((a) => a.name === 'Cuenta Nómina');
    expect(await nomina()).toMatchObject({ balance: '-35.20', balanceAt: later });
    // A figure taken before the stored one arrived late: it changes nothing.
    expect(await feed([{ iban: 'ES0230580123680001234567', name: 'Cuenta Nómina', balance: '999.99', balanceAt: earlier }])).toMatchObject({ unchanged: 1 });
    expect((await nomina())?.balance).toBe('-35.20');
    // Antonio's account cannot be fed as María's.
    const taken = await feed([{ iban: 'ES4330580123670003691470', balance: '1.00' }]);
    expect(taken.errors).toEqual([expect.objectContaining({ field: 'accounts.0.iban', message: 'this account already belongs to another customer' })]);
    const bad = await feed([{ iban: 'ES0230580123680001234568', balance: '1.00' }]);
    expect(bad.errors).toEqual([expect.objectContaining({ field: 'accounts.0.iban', message: expect.stringMatching(/not a valid IBAN/) })]);
  });

  it('writes a balance with its sign', () => {
    expect([balanceAmount(0), balanceAmount(5), balanceAmount(-3520), balanceAmount(1_280_000)]).toEqual(['0.00', '0.05', '-35.20', '12800.00']);
  });
});
