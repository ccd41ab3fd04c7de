import { randomUUID } from 'node:crypto';
import { maskIban } from '../customers/mask.ts';
import { RecordError, type ApplyContext } from './apply-context.ts';
import type { NormalizedAccount } from './validate-customer.ts';

/**
 * Adds or updates the customer's accounts, matched by IBAN, with the balance the core system
 * reports. Cerrojo keeps no books: the balance is the core's figure as of its time, and a figure
 * older than the stored one is ignored (feeds may arrive out of order), and the same figure again
 * changes nothing. Accounts not in the record
 * are kept, as cards are. A new account and a renamed one are audited (with the IBAN masked); a
 * new balance is not an action of anyone's and is not. Returns whether anything changed.
 */
export async function applyAccounts(ctx: ApplyContext, customerId: string, accounts: NormalizedAccount[]): Promise<boolean> {
  let changed = false;
  for (const [i, account] of accounts.entries()) {
    if (await applyAccount(ctx, customerId, account, i)) changed = true;
  }
  return changed;
}

async function applyAccount(ctx: ApplyContext, customerId: string, a: NormalizedAccount, i: number): Promise<boolean> {
  const { tx, at } = ctx;
  const balanceAt = a.balanceAt ?? at;
  const existing = await tx.selectFrom('accounts').selectAll().where('iban', '=', a.iban).forUpdate().executeTakeFirst();
  if (!existing) {
    const id = randomUUID();
    await tx
      .insertInto('accounts')
      .values({ id, customer_id: customerId, iban: a.iban, name: a.name, currency: a.currency, balance_cents: a.balanceCents, balance_at: balanceAt, created_at: at, updated_at: at })
      .execute();
    await ctx.audit('account.provisioned', customerId, `account:${id}`, { iban: maskIban(a.iban), currency: a.currency });
    return true;
  }
  if (existing.customer_id !== customerId) throw new RecordError(`accounts.${i}.iban`, 'this account already belongs to another customer');
  const renamed = existing.name !== a.name || existing.currency !== a.currency;
  const newer = balanceAt.getTime() >= new Date(existing.balance_at).getTime();
  const newBalance = newer && Number(existing.balance_cents) !== a.balanceCents;
  // The same figure reported again writes nothing (a repeated import is a no-op): its date stays
  // the one it was first reported with, which is still true of it.
  if (!renamed && !newBalance) return false;
  await tx
    .updateTable('accounts')
    .set({ name: a.name, currency: a.currency, ...(newBalance ? { balance_cents: a.balanceCents, balance_at: balanceAt } : {}), updated_at: at })
    .where('id', '=', existing.id)
    .execute();
  if (renamed) await ctx.audit('account.updated', customerId, `account:${existing.id}`, { iban: maskIban(a.iban), fields: ['name', 'currency'].filter((f) => (f === 'name' ? existing.name !== a.name : existing.currency !== a.currency)) });
  return true;
}
