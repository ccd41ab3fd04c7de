import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dniFromKeypad, nieFromKeypad } from '../customers/documents.ts';
import { newCallState } from './call.ts';
import { transition } from './engine.ts';
import { unlockLine } from './flow.ts';
import { ACTION_OUTCOMES, type BranchId, type FlowDefinition } from './flow-types.ts';
import type { CallEvent } from './state.ts';
import { runTurn } from './turn.ts';
import { CALLER, UNLOCK_LINE, dial, heardIn, scriptedActions, type Press } from './test-support.ts';

const PIN = '9731';
const DNI = '12345678';
const REF = '40718235';

/** Key presses from the unlock line (after "1" for Spanish) into each branch, up to the action. */
const WALKS: Record<BranchId, { menu: Press[]; asks: Press[]; done: string }> = {
  '1.1': { menu: ['1', '1'], asks: ['1', DNI, '2340', PIN], done: 'ivr.onlineBanking.done' },
  '1.2': { menu: ['1', '2'], asks: ['1', DNI, '2340', PIN], done: 'ivr.phoneBanking.done' },
  '2': { menu: ['2'], asks: ['1', DNI, REF], done: 'ivr.blockedOperation.done' },
  '3.1': { menu: ['3', '1'], asks: ['1', DNI, '2340', PIN], done: 'ivr.signature.done' },
  '3.2': { menu: ['3', '2'], asks: ['1', DNI, REF, '2340', PIN], done: 'ivr.signingCode.read' },
};
const DIRECT: Record<BranchId, string> = { '1.1': '+34950979968', '1.2': '+34950979969', '2': '+34950979970', '3.1': '+34950979971', '3.2': '+34950979972' };
const ACTION = { '1.1': 'recoverOnlineBanking', '1.2': 'resetPhoneBanking', '2': 'sendUnlockCode', '3.1': 'unlockSignature', '3.2': 'readSigningCode' } as const;
const call = { to: UNLOCK_LINE, from: CALLER };

describe('IVR engine: every branch of seed 000', () => {
  for (const [branch, walk] of Object.entries(WALKS) as [BranchId, (typeof WALKS)[BranchId]][]) {
    for (const [lang, key] of [['es', '1'], ['en', '2']] as const) {
      it(`walks branch ${branch} from the unlock line in ${lang} and resolves it`, async () => {
        const actions = scriptedActions({ [ACTION[branch]]: { outcome: 'done', data: { mobileEnding: '3 3 1', reference: '4 0 7', digits: '5, 1, 2' } } });
        const { state, heard, turns } = await dial(unlockLine, call, [key, ...walk.menu, ...walk.asks], actions);
        expect(state).toMatchObject({ status: 'ended', outcome: 'resolved', locale: lang });
        expect(heard).toContain(walk.done);
        expect(heard.at(-1)).toBe('ivr.goodbye');
        expect(turns.at(-1)!.effects.at(-1)).toEqual({ type: 'hangup' });
        expect(actions.calls).toHaveLength(1);
        expect(actions.calls[0]).toMatchObject({ action: ACTION[branch], from: CALLER, context: { branch, document: { type: 'DNI', number: dniFromKeypad(DNI) } } });
        const said = turns.flatMap((t) => t.effects).filter((e) => e.type === 'say' && e.prompt === walk.done);
        expect(said.every((e) => e.type === 'say' && e.locale === lang)).toBe(true);
      });
    }

    it(`enters branch ${branch} at once from its direct line`, async () => {
      const { state, heard } = await dial(unlockLine, { to: DIRECT[branch], from: CALLER }, walk.asks);
      expect(state.path[0]).toBe(unlockLine.branches[branch]);
      expect(state).toMatchObject({ status: 'ended', outcome: 'resolved', locale: 'es', context: { branch } });
      expect(heard).not.toContain('ivr.language.greeting');
    });
  }

  it('asks the card only where the seed does, and the reference before the card in 3.2', async () => {
    const actions = scriptedActions();
    await dial(unlockLine, call, ['1', ...WALKS['3.2'].menu, ...WALKS['3.2'].asks], actions);
    expect(actions.calls[0]!.context).toEqual({ branch: '3.2', document: { type: 'DNI', number: dniFromKeypad(DNI) }, reference: REF, cardLast4: '2340' });
    const blocked = scriptedActions();
    await dial(unlockLine, call, ['1', ...WALKS['2'].menu, ...WALKS['2'].asks], blocked);
    expect(blocked.calls[0]!.context).toEqual({ branch: '2', document: { type: 'DNI', number: dniFromKeypad(DNI) }, reference: REF });
    expect(blocked.calls[0]!.secrets).toEqual({});
  });

  it('reads a NIE keyed with X, Y, Z as 0, 1, 2', async () => {
    const actions = scriptedActions();
    await dial(unlockLine, { to: DIRECT['3.1'], from: CALLER }, ['2', '14172839', '2340', PIN], actions);
    expect(actions.calls[0]!.context.document).toEqual({ type: 'NIE', number: nieFromKeypad('14172839') });
    expect(nieFromKeypad('14172839')!.startsWith('Y')).toBe(true);
  });

  it('gives the PIN to the action and to nothing that is kept', async () => {
    const actions = scriptedActions();
    const { turns } = await dial(unlockLine, { to: DIRECT['1.1'], from: CALLER }, WALKS['1.1'].asks, actions);
    expect(actions.calls[0]!.secrets).toEqual({ pin: PIN });
    for (const turn of turns) expect(JSON.stringify(turn)).not.toContain(PIN);
  });

  it('marks a code read out as secret and lets the caller hear it again by waiting', async () => {
    const actions = scriptedActions({ readSigningCode: { outcome: 'done', data: { reference: '4 0 7 1 8 2 3 5', digits: '5, 1, 2, 0, 9, 8' } } });
    const { turns, state } = await dial(unlockLine, { to: DIRECT['3.2'], from: CALLER }, WALKS['3.2'].asks, actions);
    const last = turns.at(-1)!.effects;
    const reads = last.filter((e) => e.type === 'say' && e.prompt === 'ivr.signingCode.read');
    expect(reads).toHaveLength(3);
    expect(reads.every((e) => e.type === 'say' && e.secret === true && e.params?.digits === '5, 1, 2, 0, 9, 8')).toBe(true);
    expect(last.filter((e) => e.type === 'gather').map((e) => e.type === 'gather' && e.prompts[0]!.prompt)).toEqual(['ivr.signingCode.again', 'ivr.signingCode.again']);
    expect(JSON.stringify(state)).not.toContain('5, 1, 2');
    expect(transition(unlockLine, state, { type: 'digits', digits: '1' })).toEqual({ state, effects: [{ type: 'hangup' }] });
  });
});

describe('IVR engine: entries and menus', () => {
  it('offers the language menu in both languages on the unlock line', async () => {
    const { turns } = await dial(unlockLine, call, []);
    const gather = turns[0]!.effects[0]!;
    expect(gather.type === 'gather' && gather.prompts.map((p) => `${p.prompt}/${p.locale}`)).toEqual([
      'ivr.language.greeting/es',
      'ivr.language.spanish/es',
      'ivr.language.english/en',
    ]);
  });

  it('re-prompts the language menu in Spanish then English, before a language is chosen', async () => {
    const { turns, state } = await dial(unlockLine, call, ['timeout', '7']);
    for (const [turn, why] of [[turns[1]!, 'noInput'], [turns[2]!, 'invalid']] as const) {
      const gather = turn.effects[0]!;
      expect(gather.type === 'gather' && gather.prompts.map((p) => `${p.prompt}/${p.locale}`)).toEqual([
        `ivr.reprompt.${why}/es`,
        `ivr.reprompt.${why}/en`,
        'ivr.language.greeting/es',
        'ivr.language.spanish/es',
        'ivr.language.english/en',
      ]);
    }
    expect(state).toMatchObject({ node: 'language', retries: 2, locale: 'es' });
    // Once a language is chosen, re-prompts speak only it.
    const english = await dial(unlockLine, call, ['2', 'timeout']);
    expect(english.turns.at(-1)!.effects[0]).toMatchObject({ type: 'gather', prompts: [{ prompt: 'ivr.reprompt.noInput', locale: 'en' }, { prompt: 'ivr.main.menu', locale: 'en' }] });
  });

  it('sends option 3 of the support line to the main menu and the others to an agent', async () => {
    const support = { to: '+34 950 210 191', from: CALLER };
    expect((await dial(unlockLine, support, ['3'])).state.node).toBe('main');
    for (const key of ['1', '2']) {
      const { state, turns } = await dial(unlockLine, support, [key]);
      expect(state).toMatchObject({ status: 'ended', outcome: 'transferred' });
      expect(turns.at(-1)!.effects.at(-1)).toEqual({ type: 'transfer', number: unlockLine.settings.agentNumber, timeoutSeconds: 30, reason: 'asked_for_agent' });
    }
  });

  it('transfers a CIF or passport holder to an agent in every branch', async () => {
    for (const to of Object.values(DIRECT)) {
      const { state, heard } = await dial(unlockLine, { to, from: CALLER }, ['3']);
      expect(state).toMatchObject({ status: 'ended', outcome: 'transferred', node: 'transfer.cifPassport' });
      expect(heard.at(-1)).toBe('ivr.transfer.cifPassport');
    }
  });

  it('uses the default line for a number it does not know, and a line named on the webhook', async () => {
    expect(newCallState(unlockLine, { to: '+15005550006', from: CALLER }).line).toBe('unlock');
    expect(newCallState(unlockLine, { to: '+15005550006', from: CALLER, line: 'signingCode', locale: 'en' })).toMatchObject({
      line: 'signingCode',
      state: { node: 'signingCode', locale: 'en' },
    });
  });

  it('ends politely before asking anything when the caller id is withheld', async () => {
    for (const from of [null, '', 'anonymous']) {
      const actions = scriptedActions();
      const { state, heard } = await dial(unlockLine, { to: DIRECT['1.1'], from }, [], actions);
      expect(state).toMatchObject({ status: 'ended', outcome: 'goodbye' });
      expect(heard).toContain('ivr.callerId.withheld');
      expect(actions.calls).toHaveLength(0);
    }
  });
});

describe('IVR engine: no input, invalid input and failures', () => {
  const exhaust = (flow: FlowDefinition, presses: Press[]) => dial(flow, { to: DIRECT['1.1'], from: CALLER }, presses);

  it('re-prompts silence three times, then transfers to an agent', async () => {
    const { state, turns } = await exhaust(unlockLine, ['timeout', 'timeout', 'timeout', 'timeout']);
    for (const turn of turns.slice(1, 4)) expect(heardIn(turn)).toEqual(['ivr.reprompt.noInput', 'ivr.document.type']);
    expect(state).toMatchObject({ status: 'ended', outcome: 'transferred', node: 'exhausted.agent' });
  });

  it('re-prompts invalid keys at a menu and at each input, then gives up', async () => {
    for (const presses of [
      ['9', '*', '#', '12'],
      ['1', '1234567', '123456789', 'abcdefgh', '1234567#'],
      ['2', '31234567', '0123456', '012345678', '01234567X'],
      ['1', DNI, '123', '12345', '', '1a34'],
      ['1', DNI, '2340', '123', '1234567', '12a4', ''],
    ]) {
      const { state, turns } = await exhaust(unlockLine, presses);
      const invalid = turns.filter((t) => heardIn(t)[0] === 'ivr.reprompt.invalid');
      expect(invalid).toHaveLength(3);
      expect(state).toMatchObject({ status: 'ended', outcome: 'transferred', node: 'exhausted.agent' });
    }
  });

  it('counts re-prompts per step: a good answer starts the next step afresh', async () => {
    const { state } = await exhaust(unlockLine, ['9', '9', '9', '1', '1', '1', '1', DNI]);
    expect(state).toMatchObject({ status: 'active', node: 'onlineBanking.cardLast4', retries: 0 });
  });

  it('ends with a polite goodbye instead when the bank has no agent to take the call', async () => {
    const noAgents = { ...unlockLine, settings: { ...unlockLine.settings, whenExhausted: 'goodbye' as const } };
    const { state, heard } = await exhaust(noAgents, ['timeout', 'timeout', 'timeout', 'timeout']);
    expect(state).toMatchObject({ status: 'ended', outcome: 'goodbye', node: 'exhausted.goodbye' });
    expect(heard.slice(-3)).toEqual(['ivr.exhausted', 'ivr.exhausted.callAgain', 'ivr.goodbye']);
  });

  it('says the same words for every failed check and asks again, three times, then gives up', async () => {
    const rejected = { outcome: 'rejected' as const };
    const actions = scriptedActions({ recoverOnlineBanking: [rejected, rejected, rejected, rejected] });
    const round = ['1', DNI, '2340', PIN];
    const { state, turns } = await dial(unlockLine, { to: DIRECT['1.1'], from: CALLER }, [...round, ...round, ...round, ...round], actions);
    const failures = turns.filter((t) => heardIn(t).includes('ivr.verify.failed'));
    expect(failures.map(heardIn)).toEqual([
      ['ivr.verify.failed', 'ivr.document.type'],
      ['ivr.verify.failed', 'ivr.document.type'],
      ['ivr.verify.failed', 'ivr.document.type'],
      ['ivr.verify.failed', 'ivr.exhausted', 'ivr.transfer.agent'],
    ]);
    expect(actions.calls).toHaveLength(4);
    expect(state).toMatchObject({ status: 'ended', outcome: 'transferred', counters: { verification: 4 } });
  });

  it('says why each transfer happens, and names the customer only when the action identified them', async () => {
    const transferOf = (turns: { effects: readonly { type: string }[] }[]) => turns.at(-1)!.effects.find((e) => e.type === 'transfer');
    const cif = await dial(unlockLine, { to: DIRECT['2'], from: CALLER }, ['3']);
    expect(transferOf(cif.turns)).toMatchObject({ reason: 'cif_passport', number: unlockLine.settings.agentNumber, timeoutSeconds: 30 });
    expect(cif.state.context).toEqual({ branch: '2' });
    const silent = await exhaust(unlockLine, ['timeout', 'timeout', 'timeout', 'timeout']);
    expect(transferOf(silent.turns)).toMatchObject({ reason: 'retries_exhausted' });
    const menu = await dial(unlockLine, call, ['timeout', 'timeout', 'timeout', 'timeout']);
    expect(transferOf(menu.turns)).toMatchObject({ reason: 'retries_exhausted' });
    expect(menu.state.context.branch).toBeUndefined();

    // Rejected with a blocked PIN on one try: the caller hears the usual words, the agent reads pin_blocked.
    const round = ['1', DNI, '2340', PIN];
    const blocked = scriptedActions({ unlockSignature: [{ outcome: 'rejected' }, { outcome: 'rejected', pinBlocked: true }, { outcome: 'rejected' }, { outcome: 'rejected' }] });
    const pin = await dial(unlockLine, { to: DIRECT['3.1'], from: CALLER }, [...round, ...round, ...round, ...round], blocked);
    expect(pin.heard.filter((p) => p === 'ivr.verify.failed')).toHaveLength(4);
    expect(transferOf(pin.turns)).toMatchObject({ reason: 'pin_blocked' });
    expect(pin.state.context).toMatchObject({ pinBlocked: true });
    expect(pin.state.context.customerId).toBeUndefined();

    // Identified, but the line cannot do the work: the customer goes with the transfer.
    const id = '6f1c2d3e-0000-4000-8000-000000000001';
    const unavailable = await dial(unlockLine, { to: DIRECT['3.1'], from: CALLER }, WALKS['3.1'].asks, scriptedActions({ unlockSignature: { outcome: 'unavailable', customerId: id } }));
    expect(transferOf(unavailable.turns)).toMatchObject({ reason: 'unavailable' });
    expect(unavailable.state.context.customerId).toBe(id);
    const failed = await dial(unlockLine, { to: DIRECT['3.1'], from: CALLER }, WALKS['3.1'].asks, scriptedActions({ unlockSignature: { outcome: 'error' } }));
    expect(transferOf(failed.turns)).toMatchObject({ reason: 'error' });
  });

  it('sends a blocked customer to the branch, and an unavailable or failed action to an agent', async () => {
    const cases = [
      ['visitBranch', 'referred', 'ivr.visitBranch'],
      ['unavailable', 'transferred', 'ivr.unavailable'],
      ['error', 'transferred', 'ivr.error'],
    ] as const;
    for (const [outcome, callOutcome, prompt] of cases) {
      const actions = scriptedActions({ unlockSignature: { outcome } });
      const { state, heard } = await dial(unlockLine, { to: DIRECT['3.1'], from: CALLER }, WALKS['3.1'].asks, actions);
      expect(state).toMatchObject({ status: 'ended', outcome: callOutcome });
      expect(heard).toContain(prompt);
    }
  });
});

describe('IVR engine: events in the wrong state', () => {
  const waiting = () => {
    const { state } = newCallState(unlockLine, call);
    return transition(unlockLine, state, { type: 'start' }).state;
  };

  it('repeats the question on a repeated start or a stray action result, without counting it', () => {
    const state = waiting();
    for (const event of [{ type: 'start' } as const, { type: 'actionResult', action: 'unlockSignature', outcome: 'done' } as const]) {
      const next = transition(unlockLine, state, event);
      expect(next.state).toEqual(state);
      expect(next.effects[0]!.type).toBe('gather');
    }
  });

  it('treats keys while an action is due, or the wrong action result, as a technical failure', () => {
    let { state } = newCallState(unlockLine, { to: DIRECT['2'], from: CALLER });
    for (const event of [{ type: 'start' }, { type: 'digits', digits: '1' }, { type: 'digits', digits: DNI }, { type: 'digits', digits: REF }] as const) {
      state = transition(unlockLine, state, event).state;
    }
    expect(state.node).toBe('blockedOperation.action');
    for (const event of [{ type: 'digits', digits: '1' }, { type: 'actionResult', action: 'unlockSignature', outcome: 'done' }] as const) {
      expect(transition(unlockLine, state, event).state).toMatchObject({ status: 'ended', node: 'error.agent' });
    }
  });

  it('ends a call started on another version of the flow through the error path', () => {
    const state = { ...waiting(), version: '0.9.0' };
    expect(transition(unlockLine, state, { type: 'digits', digits: '1' }).state).toMatchObject({ status: 'ended', node: 'error.agent' });
  });

  it('records a caller who hangs up as abandoned, and keeps the outcome of a call already ended', async () => {
    expect(transition(unlockLine, waiting(), { type: 'hangup' }).state).toMatchObject({ status: 'ended', outcome: 'abandoned' });
    const { state } = await dial(unlockLine, { to: DIRECT['3.1'], from: CALLER }, WALKS['3.1'].asks);
    expect(transition(unlockLine, state, { type: 'hangup' }).state.outcome).toBe('resolved');
  });
});

describe('IVR engine: any keys, any silence', () => {
  // The longest honest call: every step re-prompted to the limit, every verification retried.
  const BOUND = 200;
  const keypad = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#');
  const digits = (keys: fc.Arbitrary<string[]>) => keys.map((k): CallEvent => ({ type: 'digits', digits: k.join('') }));
  const event: fc.Arbitrary<CallEvent> = fc.oneof(
    // Single keys walk the menus; 4 and 8 digits look like a card, a PIN, a document, a reference.
    { weight: 6, arbitrary: digits(fc.array(keypad, { minLength: 1, maxLength: 1 })) },
    { weight: 4, arbitrary: digits(fc.oneof(fc.array(fc.constantFrom('0', '1', '2', '7', '9'), { minLength: 4, maxLength: 4 }), fc.array(keypad, { minLength: 8, maxLength: 8 }))) },
    { weight: 2, arbitrary: digits(fc.array(keypad, { maxLength: 12 })) },
    { weight: 2, arbitrary: fc.constant<CallEvent>({ type: 'timeout' }) },
    { weight: 1, arbitrary: fc.constant<CallEvent>({ type: 'start' }) },
  );
  const numbers = [UNLOCK_LINE, '+34950210191', ...Object.values(DIRECT), '+15005550006'];

  it('never throws and always ends in a hangup or a transfer within a bounded number of turns', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...numbers),
        fc.constantFrom<string | null>(CALLER, null),
        fc.array(event, { maxLength: 120 }),
        fc.infiniteStream(fc.constantFrom(...ACTION_OUTCOMES)),
        async (to, from, events, outcomes) => {
          let { state } = newCallState(unlockLine, { to, from });
          const run = async () => ({ outcome: outcomes.next().value!, data: {} });
          let last = await runTurn(unlockLine, state, { type: 'start' }, run);
          state = last.state;
          let turns = 1;
          // The caller's keys, then silence until the line gives up.
          for (let i = 0; state.status === 'active'; i++, turns++) {
            if (turns > BOUND) throw new Error(`still active after ${BOUND} turns at ${state.node}`);
            last = await runTurn(unlockLine, state, events[i] ?? { type: 'timeout' }, run);
            state = last.state;
          }
          expect(['resolved', 'referred', 'goodbye', 'transferred']).toContain(state.outcome);
          expect(['hangup', 'transfer']).toContain(last.effects.at(-1)!.type);
          expect(state.path.length).toBeLessThanOrEqual(BOUND);
        },
      ),
      { numRuns: 400 },
    );
  });
});
