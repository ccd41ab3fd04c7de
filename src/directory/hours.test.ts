import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { directoryEntry } from './directory.ts';
import { ALWAYS, hoursProblems, isOpen, minutesOf, slot, UNSTATED, wallClock, WEEK, weekly, type Weekday } from './hours.ts';

const MADRID = 'Europe/Madrid';
const at = (iso: string) => new Date(iso);
const open = (hours: ReturnType<typeof weekly>, iso: string) => isOpen({ hours }, at(iso), MADRID);

describe('wall clock of Europe/Madrid', () => {
  it('is UTC+1 in winter and UTC+2 in summer', () => {
    expect(wallClock(at('2026-01-12T07:00:00Z'), MADRID)).toEqual({ day: 'mon', minutes: 8 * 60 });
    expect(wallClock(at('2026-07-06T06:00:00Z'), MADRID)).toEqual({ day: 'mon', minutes: 8 * 60 });
    expect(wallClock(at('2026-01-11T23:30:00Z'), MADRID)).toEqual({ day: 'mon', minutes: 30 });
  });
});

describe('isOpen', () => {
  const support = directoryEntry('online-banking-support'); // lunes a viernes, 08:00–22:00

  it('opens and closes on the minute, Monday to Friday, in winter and in summer time', () => {
    expect(isOpen(support, at('2026-01-12T06:59:59Z'))).toBe(false); // Mon 07:59 CET
    expect(isOpen(support, at('2026-01-12T07:00:00Z'))).toBe(true); // Mon 08:00
    expect(isOpen(support, at('2026-01-16T20:59:00Z'))).toBe(true); // Fri 21:59
    expect(isOpen(support, at('2026-01-16T21:00:00Z'))).toBe(false); // Fri 22:00
    expect(isOpen(support, at('2026-07-06T05:59:00Z'))).toBe(false); // Mon 07:59 CEST
    expect(isOpen(support, at('2026-07-06T06:00:00Z'))).toBe(true); // Mon 08:00 CEST
    expect(isOpen(support, at('2026-07-10T19:59:00Z'))).toBe(true); // Fri 21:59 CEST
    expect(isOpen(support, at('2026-07-10T20:00:00Z'))).toBe(false);
  });

  it('is closed at weekends unless the hours include the day; 24H numbers are always open', () => {
    const saturdayNoon = at('2026-01-17T11:00:00Z');
    const sundayNoon = at('2026-01-18T11:00:00Z');
    expect(isOpen(support, saturdayNoon)).toBe(false);
    expect(isOpen(support, sundayNoon)).toBe(false);
    const consumo = directoryEntry('cajamar-consumer-finance'); // lunes – sábado de 9h-21h
    expect(isOpen(consumo, saturdayNoon)).toBe(true);
    expect(isOpen(consumo, at('2026-01-17T20:00:00Z'))).toBe(false); // Sat 21:00
    expect(isOpen(consumo, sundayNoon)).toBe(false);
    expect(isOpen(directoryEntry('customer-service'), sundayNoon)).toBe(true);
    expect(isOpen(directoryEntry('direct-signature'), at('2026-01-18T03:00:00Z'))).toBe(true);
  });

  it('reads "de lunes a viernes de 8h a 19h y viernes de 8h a 15h" as Monday to Thursday until 19h, Friday until 15h', () => {
    const managers = directoryEntry('managers-offices');
    expect(isOpen(managers, at('2026-01-15T17:30:00Z'))).toBe(true); // Thu 18:30
    expect(isOpen(managers, at('2026-01-16T13:59:00Z'))).toBe(true); // Fri 14:59
    expect(isOpen(managers, at('2026-01-16T14:00:00Z'))).toBe(false); // Fri 15:00
    expect(isOpen(managers, at('2026-01-16T17:30:00Z'))).toBe(false); // Fri 18:30
  });

  it('answers null, never a guess, where the seed states no hours', () => {
    expect(isOpen(directoryEntry('card-report'), at('2026-01-12T10:00:00Z'))).toBeNull();
    expect(isOpen({ hours: UNSTATED }, at('2026-01-12T10:00:00Z'))).toBeNull();
  });

  it('keeps a slot crossing midnight open into the next day, also when that day is not one of its days', () => {
    const late = weekly(slot(['fri'], '22:00', '02:00'));
    expect(open(late, '2026-01-16T20:59:00Z')).toBe(false); // Fri 21:59
    expect(open(late, '2026-01-16T21:00:00Z')).toBe(true); // Fri 22:00
    expect(open(late, '2026-01-16T23:30:00Z')).toBe(true); // Sat 00:30
    expect(open(late, '2026-01-17T00:59:00Z')).toBe(true); // Sat 01:59
    expect(open(late, '2026-01-17T01:00:00Z')).toBe(false); // Sat 02:00
    expect(open(late, '2026-01-17T21:30:00Z')).toBe(false); // Sat 22:30: Saturday is not a day of the slot
    expect(open(late, '2026-01-16T00:30:00Z')).toBe(false); // Fri 01:30: Thursday's night is not in it
  });

  it('wraps from Sunday night into Monday morning, and ends a 24:00 slot at midnight', () => {
    const sundayNight = weekly(slot(['sun'], '20:00', '06:00'));
    expect(open(sundayNight, '2026-01-19T04:59:00Z')).toBe(true); // Mon 05:59
    expect(open(sundayNight, '2026-01-19T05:00:00Z')).toBe(false); // Mon 06:00
    expect(open(sundayNight, '2026-01-13T04:00:00Z')).toBe(false); // Tue 05:00
    const untilMidnight = weekly(slot(['mon'], '18:00', '24:00'));
    expect(open(untilMidnight, '2026-01-12T22:59:00Z')).toBe(true); // Mon 23:59
    expect(open(untilMidnight, '2026-01-12T23:00:00Z')).toBe(false); // Tue 00:00
  });

  it('follows the wall clock on the spring DST day (Sunday 29 March 2026, 02:00 CET → 03:00 CEST)', () => {
    const sundayMorning = weekly(slot(['sun'], '08:00', '15:00'));
    expect(open(sundayMorning, '2026-03-29T05:59:00Z')).toBe(false); // 07:59 CEST (08:59 had the offset stayed +1)
    expect(open(sundayMorning, '2026-03-29T06:00:00Z')).toBe(true); // 08:00 CEST
    expect(open(sundayMorning, '2026-03-29T12:59:00Z')).toBe(true); // 14:59 CEST
    expect(open(sundayMorning, '2026-03-29T13:00:00Z')).toBe(false); // 15:00 CEST
    const saturdayNight = weekly(slot(['sat'], '22:00', '04:00'));
    expect(open(saturdayNight, '2026-03-29T00:59:00Z')).toBe(true); // 01:59 CET
    expect(open(saturdayNight, '2026-03-29T01:00:00Z')).toBe(true); // 03:00 CEST: the hour 02:00–03:00 never happens
    expect(open(saturdayNight, '2026-03-29T01:59:00Z')).toBe(true); // 03:59 CEST
    expect(open(saturdayNight, '2026-03-29T02:00:00Z')).toBe(false); // 04:00 CEST
    // A slot inside the skipped hour is never open that night.
    const skipped = weekly(slot(['sun'], '02:15', '02:45'));
    for (const iso of ['2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z', '2026-03-29T01:30:00Z']) expect(open(skipped, iso)).toBe(false);
  });

  it('follows the wall clock on the autumn DST day (Sunday 25 October 2026, 03:00 CEST → 02:00 CET)', () => {
    const sundayMorning = weekly(slot(['sun'], '08:00', '15:00'));
    expect(open(sundayMorning, '2026-10-25T06:59:00Z')).toBe(false); // 07:59 CET
    expect(open(sundayMorning, '2026-10-25T07:00:00Z')).toBe(true); // 08:00 CET
    expect(open(sundayMorning, '2026-10-25T13:59:00Z')).toBe(true); // 14:59 CET
    expect(open(sundayMorning, '2026-10-25T14:00:00Z')).toBe(false);
    const saturdayNight = weekly(slot(['sat'], '22:00', '03:00'));
    expect(open(saturdayNight, '2026-10-25T00:30:00Z')).toBe(true); // 02:30 CEST
    expect(open(saturdayNight, '2026-10-25T01:30:00Z')).toBe(true); // 02:30 CET, the second time
    expect(open(saturdayNight, '2026-10-25T02:00:00Z')).toBe(false); // 03:00 CET
  });

  it('treats an overnight slot as the evening of its days plus the early morning of the days after (property)', () => {
    const day = fc.constantFrom(...WEEK);
    const time = fc.integer({ min: 0, max: 24 * 60 - 1 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(fc.uniqueArray(day, { minLength: 1, maxLength: 7 }), time, time, instant, (days, from, to, now) => {
        fc.pre(minutesOf(to) <= minutesOf(from));
        const next = days.map((d): Weekday => WEEK[(WEEK.indexOf(d) + 1) % 7]!);
        const split = weekly(slot(days, from, '24:00'), ...(to === '00:00' ? [] : [slot(next, '00:00', to)]));
        expect(open(weekly(slot(days, from, to)), now.toISOString())).toBe(open(split, now.toISOString()));
      }),
      { numRuns: 300 },
    );
  });

  it('is always open for 24H, and rejects malformed hours', () => {
    expect(isOpen({ hours: ALWAYS }, at('2026-03-29T01:30:00Z'))).toBe(true);
    expect(hoursProblems(weekly(slot(['mon'], '8:00', '25:00')))).toEqual(['"8:00" is not a time of day', '"25:00" is not a time of day']);
    expect(hoursProblems(weekly(slot([], '24:00', '08:00')))).toEqual(['a slot without days', 'a slot cannot start at 24:00']);
    expect(hoursProblems(weekly())).toEqual(['weekly hours without a slot']);
    expect(() => minutesOf('7:00')).toThrow(/not a time of day/);
  });
});
