import { LIFT_CHANNELS, canLift, type BlockOrigin, type BlockTarget, type LiftChannel } from './blocks.ts';

/**
 * Every block and restriction in the product with its way back (issue 13, DESIGN.md §3): who
 * sets it, and who lifts it and how (route, page, channel). Docs data, in English: the table in
 * docs/backoffice.md "Every block has a way back" is generated from it (`waysBackTable`, checked
 * by a test), and for a block record the channels column comes from the lift policy itself, so
 * the docs cannot say what the code does not do.
 */
export interface WayBack {
  state: string;
  /** The block record it is, when it is one: its channels are read from `LIFT_POLICY`. */
  block?: { target: BlockTarget; origin: BlockOrigin };
  setBy: string;
  liftedBy: string;
}

export const WAYS_BACK: readonly WayBack[] = [
  {
    state: 'Access block, failed logins',
    block: { target: 'access', origin: 'failed_attempts' },
    setBy: 'online banking, at `limits.passwordAttempts` wrong passwords (`POST /api/banking/login`)',
    liftedBy: 'the customer: IVR 1.1 (950 183 313, or 950 97 99 68) or the web recovery (`/recovery`); a branch too',
  },
  {
    state: 'Signature block, failed codes',
    block: { target: 'signature', origin: 'failed_attempts' },
    setBy: 'signing an operation, at `limits.signingCodeAttempts` wrong codes',
    liftedBy: 'the customer: IVR 3.1 (950 97 99 71), which also gives the live signing codes a fresh set of tries; IVR 3.2 offers 3.1 while the signature is blocked; a branch too',
  },
  {
    state: 'Card PIN blocked for self-service',
    block: { target: 'card_pin', origin: 'failed_attempts' },
    setBy: 'the IVR or the web recovery, at `limits.pinAttempts` wrong PINs of a card; the customer gets an SMS ("if it was not you, call 900 21 03 03")',
    liftedBy:
      'a branch user on its own customer, or an agent on a case where the customer passed the security questions within `backoffice.pinUnlock.securityCheckMinutes` (`POST /api/customers/{id}/cards/{cardId}/unblock-pin`, customer page); the core system when it reissues the card or changes its PIN (`POST /api/admin/import`, `cerrojo import`: a new `pin`, `reissuedAt` or `pinChangedAt`); never the IVR or the web. The customer gets an SMS',
  },
  {
    state: 'Phone-banking user blocked',
    block: { target: 'phone_banking', origin: 'failed_attempts' },
    setBy: 'the bank’s phone-banking system (no Cerrojo channel sets it)',
    liftedBy: 'the customer: IVR 1.2 (950 97 99 69), which sends new credentials; a branch too',
  },
  {
    state: 'Held operation',
    block: { target: 'operation', origin: 'fraud_rule' },
    setBy: 'online banking’s fraud rules (`banking.fraudRules.*`), which raise an alert too',
    liftedBy: 'the customer: the unlock code of IVR 2 (950 97 99 70) entered in online banking (`POST /api/banking/operations/{reference}/unlock`)',
  },
  {
    state: 'CAE block (also "BLOQUEO DE BANCA ELECTRÓNICA")',
    block: { target: 'access', origin: 'contact_centre' },
    setBy: 'the playbook (seed 002): `not_confirmed`, `failed_security`, `no_answer`, `doubt`',
    liftedBy:
      'a branch user on its own customer, after identifying them in person: `POST /api/customers/{id}/unlock` from the "Pendiente de cliente" case or the customer page; with `backoffice.branchUnlock.fourEyes`, once a second branch user of the office or a supervisor approves (`/console/approvals`). Self-service says "visit your branch"; a feed never lifts it',
  },
  {
    state: 'Contact-centre signature block',
    block: { target: 'signature', origin: 'contact_centre' },
    setBy: 'the playbook (seed 002), with the CAE block',
    liftedBy: 'the same branch unlock, as its own step',
  },
  {
    state: 'Read-only profile ("perfil CONSULTAS")',
    setBy: 'the playbook (`not_confirmed`, `failed_security`); or the core system’s feed',
    liftedBy: 'the same branch unlock, as its own step. A feed restores only a read-only profile it set itself; one the contact centre or a branch set is kept and reported as `skipped` (`restricted_by_contact_centre`, `restricted_by_office`)',
  },
  {
    state: 'Mobile-signature device unlinked',
    setBy: 'the playbook (`no_answer`: a device linked recently)',
    liftedBy: 'the customer links a device again in online banking (`/banking/devices`, with an SMS code); a feed never relinks it',
  },
  {
    state: 'Closed case',
    setBy: 'an agent or the playbook, with closing comments; a branch unlock closes its case with `backoffice.branchUnlock.category`',
    liftedBy: 'a supervisor reopens it with the reason (`POST /api/cases/{id}/reopen`, the case view)',
  },
];

/** The channels the lift policy lets lift a block, as the table shows them. */
export function liftChannels(block: { target: BlockTarget; origin: BlockOrigin }): LiftChannel[] {
  return LIFT_CHANNELS.filter((c) => canLift(block, c));
}

/** The markdown table of docs/backoffice.md. */
export function waysBackTable(rows: readonly WayBack[] = WAYS_BACK): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = ['| state | set by | lifted by, and how | lift policy (`blocks.ts`) |', '| --- | --- | --- | --- |'];
  for (const r of rows) {
    const policy = r.block ? `\`${r.block.target}\` / \`${r.block.origin}\`: ${liftChannels(r.block).map((c) => `\`${c}\``).join(', ')}` : '—';
    lines.push(`| ${cell(r.state)} | ${cell(r.setBy)} | ${cell(r.liftedBy)} | ${policy} |`);
  }
  return lines.join('\n');
}
