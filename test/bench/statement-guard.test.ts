import { describe, expect, it } from 'vitest';
import type { Recording } from '../../bench/lib/roundtrips.ts';
import { describeVerdict, guardStatements, judgeStatements, STATEMENT_LIMITS } from '../../bench/lib/statement-guard.ts';

const recording = (sql: string[]): Recording => Object.assign(sql.map(() => 'read' as const), { sql });
const quiet = {} as NodeJS.ProcessEnv;

describe('statement guard', () => {
  it('holds the limits of issue 16', () => {
    expect(STATEMENT_LIMITS).toEqual({ call: 30, recovery: 28 });
  });

  it('passes at the limit and fails one over it', () => {
    expect(judgeStatements('call', Array.from({ length: 30 }, () => 'select 1')).over).toBe(false);
    const over = judgeStatements('call', Array.from({ length: 31 }, () => 'select 1'));
    expect(over.over).toBe(true);
    expect(describeVerdict(over)).toContain('OVER by 1');
    expect(judgeStatements('recovery', Array.from({ length: 29 }, () => 'select 1')).over).toBe(true);
  });

  it('lists each statement numbered, on one line', () => {
    const v = judgeStatements('recovery', ['begin', 'select *\n  from customers\n where id = $1', 'commit']);
    expect(v.listing).toEqual(['1. begin', '2. select * from customers where id = $1', '3. commit']);
  });

  it('returns the verdict over the limit and within it', () => {
    const over = guardStatements('recovery', recording(Array.from({ length: 29 }, () => 'select 1')), quiet);
    expect(over).toMatchObject({ over: true, count: 29, limit: 28 });
    expect(describeVerdict(over)).toMatch(/OVER by 1/);
    expect(guardStatements('recovery', recording(['begin', 'commit']), quiet)).toMatchObject({ over: false, count: 2 });
  });
});
