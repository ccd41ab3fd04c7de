import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.ts';
import { addDays, localDate, periodDays, reportPeriod } from './reports.ts';

const MADRID = 'Europe/Madrid';

describe('reportPeriod', () => {
  it('defaults to the 30 days ending today in the bank time zone', () => {
    // 23:30 UTC on 31 December is already 1 January in Madrid.
    expect(reportPeriod({}, new Date('2025-12-31T23:30:00Z'), MADRID)).toEqual({ from: '2025-12-03', to: '2026-01-01', timeZone: MADRID });
    expect(reportPeriod({ to: '2024-03-01' }, new Date(), MADRID).from).toBe('2024-02-01'); // 29 February counted
    expect(localDate(new Date('2026-03-28T23:00:00Z'), MADRID)).toBe('2026-03-29');
  });

  it('takes up to 366 days, one day at least, and only real dates', () => {
    expect(reportPeriod({ from: '2024-01-01', to: '2024-12-31' }, new Date(), MADRID).to).toBe('2024-12-31'); // 366 days, leap year
    expect(() => reportPeriod({ from: '2025-01-01', to: '2026-01-02' }, new Date(), MADRID)).toThrow(/at most 366 days \(asked 367\)/);
    expect(() => reportPeriod({ from: '2026-03-02', to: '2026-03-01' }, new Date(), MADRID)).toThrow(/from must not be after to/);
    for (const bad of ['2026-02-29', '2026-13-01', '26-03-01', '2026-3-1', '']) {
      expect(() => reportPeriod({ from: bad, to: '2026-03-31' }, new Date(), MADRID), bad).toThrow(/YYYY-MM-DD/);
    }
    expect(reportPeriod({ from: '2026-03-01', to: '2026-03-01' }, new Date(), MADRID)).toMatchObject({ from: '2026-03-01', to: '2026-03-01' });
  });

  it('counts calendar days across a DST change', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(periodDays({ from: '2026-10-24', to: '2026-10-26', timeZone: MADRID })).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, doubles quotes, and leaves numbers and plain text alone', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(null)).toBe('');
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+34')).toBe("'+34");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('=HYPERLINK("a,b")')).toBe('"\'=HYPERLINK(""a,b"")"');
  });

  it('ends every row with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x'], [null, 'y,z']])).toBe('a,b\r\n1,x\r\n,"y,z"\r\n');
  });
});
