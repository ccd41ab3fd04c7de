import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { Type } from 'typebox';
import { ConfigError } from '../../config/config.ts';
import type { Text } from '../../i18n/catalogue.ts';
import type { Customer } from '../../platform/db/schema.ts';
import { readConfigJson } from '../config-json.ts';

/**
 * The security questions of seed 002 ("necesitamos realizar unas preguntas de seguridad para
 * confirmar con el que no se trata de algún intento de fraude"), without I/O. The bank of
 * questions is configuration (`config/security-questions.json`): a bank may reword, drop or add
 * questions, each over one fact of the customer's data this file knows how to read. The agent
 * types what the customer says; the server judges it. The expected answers are read from the
 * customer's data when judging and never stored, logged or returned.
 */

/** The facts a question may ask about. */
export type SecurityFact = 'card_last4' | 'mobile_last3' | 'landline_last3' | 'document_last3' | 'email' | 'user_code';
export const SECURITY_FACTS: readonly SecurityFact[] = ['card_last4', 'mobile_last3', 'landline_last3', 'document_last3', 'email', 'user_code'];

export interface SecurityQuestion {
  id: string;
  fact: SecurityFact;
  text: Text;
}

const BankFile = Type.Object({
  $comment: Type.Optional(Type.String()),
  questions: Type.Array(
    Type.Object(
      {
        id: Type.String({ pattern: '^[a-z0-9_]{1,40}$' }),
        fact: Type.Union(SECURITY_FACTS.map((f) => Type.Literal(f))),
        text: Type.Object({ es: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
    { minItems: 1 },
  ),
});

const banks = new Map<string, readonly SecurityQuestion[]>();

/** The question bank in `path`, read once per process (it is configuration, not state). */
export function loadQuestionBank(path: string): readonly SecurityQuestion[] {
  let bank = banks.get(path);
  if (!bank) {
    const file = readConfigJson(path, BankFile, 'backoffice.securityQuestionsFile');
    const ids = new Set<string>();
    for (const q of file.questions) {
      if (ids.has(q.id)) throw new ConfigError('backoffice.securityQuestionsFile', `${path}: question id "${q.id}" appears twice`);
      ids.add(q.id);
    }
    bank = file.questions.map((q) => ({ id: q.id, fact: q.fact as SecurityFact, text: q.text }));
    banks.set(path, bank);
  }
  return bank;
}

/** The answers the customer's data gives, by fact; a fact the data lacks is absent. */
export type FactValues = Partial<Record<SecurityFact, readonly string[]>>;

export interface FactSource {
  customer: Pick<Customer, 'mobile' | 'landline' | 'document_number' | 'email'>;
  cardsLast4: readonly string[];
  userCode: string | null;
}

const digits = (s: string) => s.replace(/\D/g, '');

/** How a fact's answer is compared: digits only for numbers, case-insensitive for the rest. */
export function normaliseAnswer(fact: SecurityFact, raw: string): string {
  switch (fact) {
    case 'card_last4':
    case 'mobile_last3':
    case 'landline_last3':
    case 'document_last3':
      return digits(raw);
    case 'email':
      return raw.trim().toLowerCase();
    case 'user_code':
      return raw.replace(/\s+/g, '').toUpperCase();
  }
}

/** The expected answers of every fact the person's data holds. */
export function factsOf(source: FactSource): FactValues {
  const facts: FactValues = {};
  const lastDigits = (value: string | null, n: number) => {
    const d = digits(value ?? '');
    return d.length >= n ? [d.slice(-n)] : [];
  };
  const put = (fact: SecurityFact, values: string[]) => {
    const clean = [...new Set(values.map((v) => normaliseAnswer(fact, v)).filter((v) => v !== ''))];
    if (clean.length > 0) facts[fact] = clean;
  };
  put('card_last4', source.cardsLast4.filter((l) => digits(l).length === 4));
  put('mobile_last3', lastDigits(source.customer.mobile, 3));
  put('landline_last3', lastDigits(source.customer.landline, 3));
  put('document_last3', lastDigits(source.customer.document_number, 3));
  put('email', source.customer.email ? [source.customer.email] : []);
  put('user_code', source.userCode ? [source.userCode] : []);
  return facts;
}

/**
 * Draws up to `count` questions over facts the person's data holds, one per fact, at random.
 * `exclude` drops facts the agent has already seen in full on this case (the number they
 * dialled), so no question asks what the agent can read.
 */
export function drawQuestions(
  bank: readonly SecurityQuestion[],
  facts: FactValues,
  count: number,
  exclude: readonly SecurityFact[] = [],
  random: (max: number) => number = randomInt,
): SecurityQuestion[] {
  const pool = bank.filter((q) => facts[q.fact] !== undefined && !exclude.includes(q.fact));
  // Fisher–Yates with a CSPRNG: which questions come is not for anyone to predict.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const chosen: SecurityQuestion[] = [];
  for (const q of pool) {
    if (chosen.length >= count) break;
    if (!chosen.some((c) => c.fact === q.fact)) chosen.push(q);
  }
  return chosen;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Whether an answer matches one of the expected values, comparing fixed-size digests in constant time. */
export function answerMatches(fact: SecurityFact, answer: string, expected: readonly string[]): boolean {
  const given = normaliseAnswer(fact, answer);
  const a = digest(given);
  let match = false;
  // Every expected value is compared, so the time does not tell which card (if any) matched.
  for (const value of expected) match = timingSafeEqual(a, digest(value)) || match;
  return match && given !== '';
}

/**
 * Judges the answers to the drawn questions: passed only when every one is right. Which
 * answer was wrong is not returned (nor kept): the record is pass or fail.
 */
export function judgeAnswers(questions: readonly SecurityQuestion[], facts: FactValues, answers: ReadonlyMap<string, string>): boolean {
  let passed = true;
  for (const q of questions) {
    const ok = answerMatches(q.fact, answers.get(q.id) ?? '', facts[q.fact] ?? []);
    passed = ok && passed;
  }
  return passed;
}
