import { branchNodes, type BranchSpec } from './flow-build.ts';
import type { FlowDefinition } from './flow-types.ts';
import { directoryNumber } from '../directory/directory.ts';

/**
 * THE unlock line of seed 000 ("Servicio telefónico de desbloqueo de claves"), as data. Read it
 * beside the seed: the lines people dial, the menus with their keys, then the five branches in
 * the seed's own table. What each prompt says, in Spanish and English, is in `messages.ts`;
 * what each action does is in `actions.ts`; `mermaid.ts` draws it (`cerrojo ivr diagram`).
 */

/**
 * The five branches (DESIGN.md section 4): what each asks after the document, and the result.
 * Before its work every action identifies the caller (`verify.ts`): the document, the caller id
 * against the phones registered for that customer, the card's last four and PIN, the operation
 * where one is asked; any mismatch is the one answer `rejected`, so the words never tell which.
 */
export const BRANCHES: readonly BranchSpec[] = [
  {
    // 1.1 "El usuario se remitirá a tu email y la contraseña por SMS a tu móvil. Cuando accedas a tu
    // Banca electrónica, deberás cambiar las contraseñas."
    id: '1.1', key: 'onlineBanking', intro: 'ivr.onlineBanking.intro', asks: ['card'],
    action: 'recoverOnlineBanking', result: { prompt: 'ivr.onlineBanking.done' },
  },
  {
    // 1.2 new phone-banking credentials by SMS.
    id: '1.2', key: 'phoneBanking', intro: 'ivr.phoneBanking.intro', asks: ['card'],
    action: 'resetPhoneBanking', result: { prompt: 'ivr.phoneBanking.done' },
  },
  {
    // 2 "teclees la referencia de la operación bloqueada … recibirás el código de desbloqueo por SMS".
    id: '2', key: 'blockedOperation', intro: 'ivr.blockedOperation.intro', asks: ['reference'],
    action: 'sendUnlockCode', result: { prompt: 'ivr.blockedOperation.done' },
  },
  {
    // 3.1 "los 4 últimos dígitos y el PIN … Una vez tecleado, la firma quedará desbloqueada."
    id: '3.1', key: 'signature', intro: 'ivr.signature.intro', asks: ['card'],
    action: 'unlockSignature', result: { prompt: 'ivr.signature.done' },
  },
  {
    // 3.2 "el número de referencia … y a continuación los 4 últimos dígitos y el PIN … la locución
    // indicará por voz la clave SMS." Read digit by digit; the caller may hear it again.
    id: '3.2', key: 'signingCode', intro: 'ivr.signingCode.intro', asks: ['reference', 'card'],
    action: 'readSigningCode',
    result: { prompt: 'ivr.signingCode.read', secret: true, repeat: { times: 2, offer: 'ivr.signingCode.again' } },
    // While the signature is blocked no code could sign: say so and offer 3.1 instead.
    outcomes: { signatureBlocked: 'signingCode.signatureBlocked' },
  },
];

export const unlockLine: FlowDefinition = {
  id: 'unlock-line',
  // 1.1.0: transfers to the agent line with a timeout and a handover record (issue 13).
  version: '1.1.0',
  // The lines come from the directory of seed 002. Transfers go to its agent line, answered by
  // people of the contact centre: every number of "Atención al cliente" reaches this flow's own
  // support menu, so a transfer there would come back here (`cerrojo ivr check` refuses that).
  settings: { reprompts: 3, timeoutSeconds: 6, agentNumber: directoryNumber('contact-centre-agents'), transferTimeoutSeconds: 30, whenExhausted: 'agent' },
  lines: {
    unlock: { numbers: [directoryNumber('online-banking-unlock')], start: 'language', description: 'Teléfono de desbloqueo: 1 Castellano, 2 Inglés' },
    support: {
      numbers: [directoryNumber('online-banking-support', 0), directoryNumber('online-banking-support', 1)],
      start: 'support',
      locale: 'es',
      description: 'Soporte Banca Electrónica: opción 3 Desbloqueo',
    },
    onlineBanking: { numbers: [directoryNumber('direct-online-banking-user')], start: 'onlineBanking', locale: 'es', description: 'Directo: usuario de Banca Electrónica' },
    phoneBanking: { numbers: [directoryNumber('direct-phone-banking-user')], start: 'phoneBanking', locale: 'es', description: 'Directo: usuario de Banca Telefónica' },
    blockedOperation: { numbers: [directoryNumber('direct-blocked-operation')], start: 'blockedOperation', locale: 'es', description: 'Directo: operación bloqueada' },
    signature: { numbers: [directoryNumber('direct-signature')], start: 'signature', locale: 'es', description: 'Directo: firma para operar' },
    signingCode: { numbers: [directoryNumber('direct-sms-code')], start: 'signingCode', locale: 'es', description: 'Directo: clave enviada por SMS' },
  },
  defaultLine: 'unlock',
  branches: { '1.1': 'onlineBanking', '1.2': 'phoneBanking', '2': 'blockedOperation', '3.1': 'signature', '3.2': 'signingCode' },
  reprompt: { noInput: 'ivr.reprompt.noInput', invalid: 'ivr.reprompt.invalid' },
  onExhausted: { agent: 'exhausted.agent', goodbye: 'exhausted.goodbye' },
  onError: 'error.agent',
  // Nobody answered the transfer: the agents' hours and the other ways, then a polite end.
  unanswered: ['ivr.handover.unanswered', 'ivr.handover.hours', 'ivr.handover.alternatives', 'ivr.goodbye'],
  nodes: {
    language: {
      kind: 'menu',
      prompt: [
        { id: 'ivr.language.greeting', locale: 'es' },
        { id: 'ivr.language.spanish', locale: 'es' },
        { id: 'ivr.language.english', locale: 'en' },
      ],
      options: { '1': { goto: 'welcome', locale: 'es' }, '2': { goto: 'welcome', locale: 'en' } },
      // No language is chosen yet: "no answer" and "not valid" are said in Spanish, then English.
      repromptIn: ['es', 'en'],
    },
    // "podrás llevar a cabo el desbloqueo de tus claves sin tener que esperar a ser atendido … 24 horas"
    welcome: { kind: 'say', prompt: 'ivr.welcome', next: 'main' },
    support: { kind: 'menu', prompt: 'ivr.support.menu', options: { '1': 'transfer.agent', '2': 'transfer.agent', '3': 'main' } },
    main: { kind: 'menu', prompt: 'ivr.main.menu', options: { '1': 'user', '2': 'blockedOperation', '3': 'other' } },
    user: { kind: 'menu', prompt: 'ivr.user.menu', options: { '1': 'onlineBanking', '2': 'phoneBanking' } },
    other: { kind: 'menu', prompt: 'ivr.other.menu', options: { '1': 'signature', '2': 'signingCode' } },

    ...Object.fromEntries(BRANCHES.flatMap((b) => Object.entries(branchNodes(b)))),
    'signingCode.signatureBlocked': { kind: 'menu', prompt: 'ivr.signingCode.signatureBlocked', options: { '1': 'signature', '2': 'end.goodbye' } },

    'end.resolved': { kind: 'hangup', prompt: 'ivr.goodbye', outcome: 'resolved' },
    'end.goodbye': { kind: 'hangup', prompt: 'ivr.goodbye', outcome: 'goodbye' },
    'end.visitBranch': { kind: 'hangup', prompt: ['ivr.visitBranch', 'ivr.goodbye'], outcome: 'referred' },
    'end.callerIdWithheld': { kind: 'hangup', prompt: ['ivr.callerId.withheld', 'ivr.goodbye'], outcome: 'goodbye' },
    // Every transfer says why, for the agent who takes it (`ivr_handovers`); the caller hears only the prompt.
    'transfer.cifPassport': { kind: 'transfer', prompt: 'ivr.transfer.cifPassport', outcome: 'transferred', reason: 'cif_passport' },
    'transfer.unavailable': { kind: 'transfer', prompt: ['ivr.unavailable', 'ivr.transfer.agent'], outcome: 'transferred', reason: 'unavailable' },
    'transfer.agent': { kind: 'transfer', prompt: 'ivr.transfer.agent', outcome: 'transferred', reason: 'asked_for_agent' },
    'exhausted.agent': {
      kind: 'transfer',
      prompt: ['ivr.exhausted', 'ivr.transfer.agent'],
      outcome: 'transferred',
      reason: [{ when: 'pinBlocked', reason: 'pin_blocked' }, { reason: 'retries_exhausted' }],
    },
    'exhausted.goodbye': { kind: 'hangup', prompt: ['ivr.exhausted', 'ivr.exhausted.callAgain', 'ivr.goodbye'], outcome: 'goodbye' },
    'error.agent': { kind: 'transfer', prompt: ['ivr.error', 'ivr.transfer.agent'], outcome: 'transferred', reason: 'error' },
  },
};
