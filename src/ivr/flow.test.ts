import { describe, expect, it } from 'vitest';
import { checkFlow } from './check.ts';
import { BRANCHES, unlockLine } from './flow.ts';
import type { FlowDefinition } from './flow-types.ts';
import { ivrMessages } from './messages.ts';
import { flowToMermaid } from './mermaid.ts';
import { ivrText } from './text.ts';
import { directoryNumber } from '../directory/directory.ts';
import { ivrSettings } from './settings.ts';
import { testConfig } from '../../test/helpers/db.ts';

const hasPrompt = (id: string) => Object.hasOwn(ivrMessages, id);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the unlock-line definition', () => {
  it('passes every static check', () => {
    expect(checkFlow(unlockLine, hasPrompt)).toEqual([]);
  });

  it('has the seed numbers, the five branches and a version', () => {
    expect(unlockLine.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Object.values(unlockLine.lines).flatMap((l) => l.numbers).sort()).toEqual(
      ['+34950183313', '+34901511000', '+34950210191', '+34950979968', '+34950979969', '+34950979970', '+34950979971', '+34950979972'].sort(),
    );
    expect(BRANCHES.map((b) => b.id)).toEqual(['1.1', '1.2', '2', '3.1', '3.2']);
  });

  it('catches the mistakes a definition can hold', () => {
    const broken: FlowDefinition = {
      ...unlockLine,
      nodes: {
        ...unlockLine.nodes,
        'onlineBanking.pin': { kind: 'input', prompt: 'ivr.card.pin', field: 'pin', digits: { min: 4, max: 6 }, next: 'onlineBanking.done' },
        'onlineBanking.cardLast4': { kind: 'input', prompt: 'ivr.nope', field: 'cardLast4', digits: { min: 5, max: 4 }, next: 'nowhere' },
        loopA: { kind: 'say', prompt: 'ivr.goodbye', next: 'loopB' },
        loopB: { kind: 'say', prompt: 'ivr.goodbye', next: 'loopA' },
      },
    };
    const problems = checkFlow(broken, hasPrompt).join('\n');
    expect(problems).toContain('onlineBanking.pin: a secret must go straight to the action that consumes it');
    expect(problems).toContain('onlineBanking.cardLast4: unknown prompt "ivr.nope"');
    expect(problems).toContain('onlineBanking.cardLast4: bad digit bounds');
    expect(problems).toContain('onlineBanking.cardLast4: unknown node "nowhere"');
    expect(problems).toContain('loopA: unreachable from every line');
    expect(problems).toMatch(/say nodes loop without waiting/);
  });

  it('refuses a transfer number the flow answers itself, or one that is not an agent line', () => {
    const to = (agentNumber: string, transferTimeoutSeconds = 30): FlowDefinition => ({ ...unlockLine, settings: { ...unlockLine.settings, agentNumber, transferTimeoutSeconds } });
    // "Atención al cliente" (901 511 000) reaches the support line's menu: the call would come back.
    expect(checkFlow(to(directoryNumber('customer-service')), hasPrompt)).toEqual([
      'settings.agentNumber: +34901511000 is answered by this flow (line support): a transfer there comes back to the IVR',
    ]);
    expect(checkFlow(to('+34950183313'), hasPrompt)).toEqual(['settings.agentNumber: +34950183313 is answered by this flow (line unlock): a transfer there comes back to the IVR']);
    // A number nobody in the contact centre answers (complaints) is not an agent line.
    expect(checkFlow(to(directoryNumber('complaints')), hasPrompt)).toEqual([
      'settings.agentNumber: +34900151010 is not an agent line of the directory (src/directory/data.ts, agentLine)',
    ]);
    expect(checkFlow(to(directoryNumber('contact-centre-agents'), 2), hasPrompt)).toEqual(['settings.transferTimeoutSeconds: 2 is not a whole number of seconds from 5 to 600']);
    expect(checkFlow(to('950 21 01 99'), hasPrompt)).toEqual([]);
  });

  it('stops the start on a configured transfer number that would not reach a person', () => {
    expect(() => ivrSettings(testConfig({ 'ivr.agentNumber': '+34950210191' }))).toThrow(/Invalid configuration "ivr.agentNumber": .*answered by this flow \(line support\)/);
    expect(() => ivrSettings(testConfig({ 'ivr.agentNumber': '+34900151010' }))).toThrow(/not an agent line/);
    expect(ivrSettings(testConfig({ 'ivr.transferTimeoutSeconds': 45 })).flow.settings).toMatchObject({ agentNumber: '+34950210199', transferTimeoutSeconds: 45 });
  });
});

describe('IVR prompts', () => {
  it('are complete in Spanish and English with the same placeholders', () => {
    for (const [id, text] of Object.entries(ivrMessages)) {
      expect(id).toMatch(/^ivr\./);
      expect(text.es.trim(), id).not.toBe('');
      expect(text.en.trim(), id).not.toBe('');
      expect(placeholders(text.en), id).toEqual(placeholders(text.es));
    }
  });

  it('are all used by the flow (or by the adapter, for a retried read-out, the hours of a 24-hour agent line and a caller past the rate limit)', () => {
    const text = JSON.stringify(unlockLine);
    expect(Object.keys(ivrMessages).filter((id) => !text.includes(`"${id}"`))).toEqual(['ivr.handover.allDay', 'ivr.secret.notRepeated', 'ivr.rate_limited']);
  });

  it('fill their placeholders and refuse an unknown id', () => {
    expect(ivrText('ivr.phoneBanking.done', 'en', { mobileEnding: '3 3 1' })).toContain('ending in 3 3 1.');
    expect(() => ivrText('ivr.nope', 'es')).toThrow(/unknown IVR prompt/);
    expect(() => ivrText('toString', 'es')).toThrow(/unknown IVR prompt/);
  });
});

describe('the Mermaid diagram', () => {
  it('draws every node, every line and every key of every menu', () => {
    const diagram = flowToMermaid(unlockLine);
    expect(diagram.startsWith('flowchart TD\n')).toBe(true);
    for (const id of Object.keys(unlockLine.nodes)) expect(diagram).toContain(`n_${id.replace(/[^A-Za-z0-9]/g, '_')}`);
    for (const line of Object.keys(unlockLine.lines)) expect(diagram).toContain(`line_${line}(`);
    expect(diagram).toContain('n_main -->|"2"| n_blockedOperation');
    expect(diagram).toContain('n_onlineBanking_documentType -->|"3"| n_transfer_cifPassport');
    expect(diagram).toContain('n_language -->|"2 · en"| n_welcome');
    expect(diagram).toContain('subgraph b_3_2["3.2 · signingCode"]');
    // Labels are quoted and inner quotes escaped, so every line holds whole labels.
    for (const line of diagram.split('\n')) expect(line.split('"').length % 2, line).toBe(1);
  });
});
