import { maskIban } from '../customers/mask.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Account } from '../platform/db/schema.ts';
import { centsToAmount } from './money.ts';

/** An account as the online-banking home shows it: the IBAN masked as every message masks it. */
export interface AccountView {
  id: string;
  name: string;
  /** `ES*****4567`: the country and the last four characters (`maskIban`). */
  iban: string;
  currency: string;
  /** "1234.56", "-35.20" for an overdraft: the core system's figure. */
  balance: string;
  /** When the core system took the balance (ISO 8601). */
  balanceAt: string;
}

/** A balance in cents as the API writes amounts, with a sign for an overdraft. */
export function balanceAmount(cents: number): string {
  return `${cents < 0 ? '-' : ''}${centsToAmount(Math.abs(cents))}`;
}

export function accountView(account: Account): AccountView {
  return {
    id: account.id,
    name: account.name,
    iban: maskIban(account.iban),
    currency: account.currency,
    balance: balanceAmount(Number(account.balance_cents)),
    balanceAt: new Date(account.balance_at).toISOString(),
  };
}

/** The customer's accounts, in the order the bank first reported them. */
export async function customerAccounts(ex: Executor, customerId: string): Promise<AccountView[]> {
  const rows = await ex.selectFrom('accounts').selectAll().where('customer_id', '=', customerId).orderBy('created_at').orderBy('iban').execute();
  return rows.map(accountView);
}
