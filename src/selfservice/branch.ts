import { canLift } from '../customers/blocks.ts';
import { activeBlocks } from '../customers/blocks-store.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Customer } from '../platform/db/schema.ts';

/**
 * Why web self-service cannot help a customer who proved document, card and PIN, or null when
 * it can. A contact-centre block ("BLOQUEO CAE"), any block the web may not lift on access,
 * and the read-only profile ("perfil CONSULTAS") are for the branch (seed 002, DESIGN.md §3);
 * so is a customer without an online-banking user, email or mobile to send the credentials to
 * (seed 001 needs both up to date).
 */
export async function onlyBranchCanHelp(tx: Tx, customer: Customer): Promise<string | null> {
  const blocks = await activeBlocks(tx, customer.id);
  if (blocks.some((b) => b.origin === 'contact_centre')) return 'contact_centre_block';
  if (blocks.some((b) => b.target === 'access' && !canLift(b, 'web'))) return 'access_block';
  const user = await tx.selectFrom('online_banking_users').select(['profile']).where('customer_id', '=', customer.id).executeTakeFirst();
  if (!user) return 'no_online_banking_user';
  if (user.profile === 'read_only') return 'read_only_profile';
  if (!customer.email || !customer.mobile) return 'no_contact_data';
  return null;
}
