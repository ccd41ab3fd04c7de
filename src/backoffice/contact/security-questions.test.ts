import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFile } from '../deps.ts';
import { answerMatches, drawQuestions, factsOf, judgeAnswers, loadQuestionBank, normaliseAnswer, SECURITY_FACTS } from './security-questions.ts';

const bank = loadQuestionBank(configFile(undefined, 'security-questions.json'));
const maria = factsOf({
  customer: { mobile: '+34612345331', landline: '+34950123456', document_number: '45123987B', email: 'maria.garcia@example.com' },
  cardsLast4: ['2340', '3212'],
  userCode: 'MGARCIA01',
});

describe('the security questions', () => {
  it('ships a question over every fact, in Spanish and English', () => {
    expect([...new Set(bank.map((q) => q.fact))].sort()).toEqual([...SECURITY_FACTS].sort());
    for (const q of bank) expect(q.text.es && q.text.en).toBeTruthy();
  });

  it('reads the facts of the customer, normalised', () => {
    expect(maria).toEqual({
      card_last4: ['2340', '3212'],
      mobile_last3: ['331'],
      landline_last3: ['456'],
      document_last3: ['987'],
      email: ['maria.garcia@example.com'],
      user_code: ['MGARCIA01'],
    });
    expect(factsOf({ customer: { mobile: null, landline: null, document_number: 'X1', email: null }, cardsLast4: [], userCode: null })).toEqual({});
  });

  it('draws distinct facts the customer has, never an excluded one, at random', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const drawn = drawQuestions(bank, maria, 3, ['landline_last3']);
      expect(drawn).toHaveLength(3);
      expect(new Set(drawn.map((q) => q.fact)).size).toBe(3);
      expect(drawn.map((q) => q.fact)).not.toContain('landline_last3');
      drawn.forEach((q) => seen.add(q.id));
    }
    expect(seen.size).toBe(5);
    expect(drawQuestions(bank, { card_last4: ['1111'] }, 3)).toHaveLength(1);
    expect(drawQuestions(bank, {}, 3)).toEqual([]);
  });

  it('judges answers as people say them, and refuses empty or wrong ones', () => {
    expect(normaliseAnswer('mobile_last3', ' 3 3 1 ')).toBe('331');
    expect(answerMatches('card_last4', '3212', maria.card_last4!)).toBe(true);
    expect(answerMatches('card_last4', '9999', maria.card_last4!)).toBe(false);
    expect(answerMatches('email', ' Maria.Garcia@EXAMPLE.com ', maria.email!)).toBe(true);
    expect(answerMatches('user_code', 'mgarcia 01', maria.user_code!)).toBe(true);
    expect(answerMatches('document_last3', '', [''])).toBe(false);
    const questions = bank.filter((q) => ['card_last4', 'email'].includes(q.id));
    expect(judgeAnswers(questions, maria, new Map([['card_last4', '2340'], ['email', 'maria.garcia@example.com']]))).toBe(true);
    expect(judgeAnswers(questions, maria, new Map([['card_last4', '2340'], ['email', 'other@example.com']]))).toBe(false);
    expect(judgeAnswers(questions, maria, new Map([['card_last4', '2340']]))).toBe(false);
  });

  it('refuses a bank with an unknown fact or a repeated id, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cerrojo-q-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ questions: [{ id: 'pet', fact: 'pet_name', text: { es: '¿?', en: '?' } }] }));
    expect(() => loadQuestionBank(bad)).toThrow(/securityQuestionsFile.*bad\.json/);
    const twice = join(dir, 'twice.json');
    const q = { id: 'a', fact: 'email', text: { es: '¿?', en: '?' } };
    writeFileSync(twice, JSON.stringify({ questions: [q, q] }));
    expect(() => loadQuestionBank(twice)).toThrow(/appears twice/);
  });
});
