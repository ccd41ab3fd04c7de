import { describe, expect, it } from 'vitest';
import { auditReport } from './cli.ts';
import type { AuditVerification } from './verify.ts';

describe('audit verify report', () => {
  const intact: AuditVerification = { ok: true, rows: 12, legacyRows: 0, head: { seq: 12, hash: 'h' }, checkpoints: 0, problems: [], unsealed: { rows: 0, oldestAt: null, oldestAgeSeconds: null } };

  it('says how many rows wait to be sealed, and the oldest one\'s age, only when some do', () => {
    expect(auditReport(intact)).toBe('Audit log intact: 12 rows\n');
    expect(auditReport({ ...intact, unsealed: { rows: 3, oldestAt: '2026-05-01T08:00:00.000Z', oldestAgeSeconds: 2 } })).toBe(
      'Audit log intact: 12 rows, 3 not sealed yet (the oldest at 2026-05-01T08:00:00.000Z, 2 s ago)\n',
    );
  });

  it('names a sealed row by its place and an unsealed one by its id', () => {
    const report = auditReport({
      ...intact,
      ok: false,
      problems: [
        { kind: 'forged', seq: 4, reason: 'the row does not match its own MAC: it was edited before it was sealed' },
        { kind: 'forged', seq: null, id: 31, reason: 'unsealed row (id 31): the row does not match its own MAC: it was edited before it was sealed' },
      ],
      unsealed: { rows: 1, oldestAt: '2026-05-01T08:00:00.000Z', oldestAgeSeconds: 0 },
    });
    expect(report).toBe(
      'Audit log BROKEN: 2 problems (12 rows, 1 not sealed yet (the oldest at 2026-05-01T08:00:00.000Z, 0 s ago))\n' +
        '  row 4: forged: the row does not match its own MAC: it was edited before it was sealed\n' +
        '  unsealed row id 31: forged: unsealed row (id 31): the row does not match its own MAC: it was edited before it was sealed\n',
    );
  });
});
