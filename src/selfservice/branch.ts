import { canLift } from '../customers/blocks.ts';
import type { CustomerWithStanding } from '../customers/standing-store.ts';

/**
 * Why web self-service cannot help a customer who proved document, card and PIN, or null when
 * it can. A contact-centre block ("BLOQUEO CAE"), any block the web may not lift on access,
 * and the read-only profile ("perfil CONSULTAS") are for the branch (seed 002, DESIGN.md §3);
 * so is a customer without an online-banking user, email or mobile to send the credentials to
 * (seed 001 needs both up to date).
 */
export function onlyBranchCanHelp(customer: CustomerWithStanding): string | null {
  const { blocks, onlineBanking: user } = customer.standing;
  if (blocks.some((b) => b.origin === 'contact_centre')) return 'contact_centre_block';
  if (blocks.some((b) => b.target === 'access' && !canLift(b, 'web'))) return 'access_block';
  if (!user) return 'no_online_banking_user';
  if (user.profile === 'read_only') return 'read_only_profile';
  if (!customer.email || !customer.mobile) return 'no_contact_data';
  return null;
}
