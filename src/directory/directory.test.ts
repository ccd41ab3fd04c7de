import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { catalogue, LOCALES } from '../i18n/catalogue.ts';
import { unlockLine } from '../ivr/flow.ts';
import { ENTRIES } from './data.ts';
import { agentLineOf, buildDirectory, DIRECTORY, directoryEntry, directoryNumber, GROUPS } from './directory.ts';
import { ALWAYS, UNSTATED } from './hours.ts';
import { describeHours } from './view.ts';

/** Every number of seed 002's list, as written there, in its order. */
const SEED_NUMBERS = [
  '901 511 000', '+34 950 21 01 91', '901 511 000', '+34 950 21 01 91', '950 53 79 10', '900 15 10 10', '950 18 33 13',
  '950 97 99 68', '950 97 99 69', '950 97 99 70', '950 97 99 71', '950 97 99 72', '900 200 179', '608 290 278',
  '900 21 03 03', '+34 950 21 03 03', '900 991 124', '915 192 100', '902 192 100', '913626200', '900 971 231',
  '911 697 470', '911 697 471', '901 101 346', '901 191 000', '950 21 01 00', '917 282 328', '910 151 827', '965 271 186',
  '901 117 788', '910 483 030', '950 183 012', '900 850 280', '950227788', '950228866', '950183012',
  '900 102 645', '950 210 360', '950 210 300', '950 750 999',
];

describe('the directory of seed 002', () => {
  it('holds every number of the seed, in its order, as written there and in E.164', () => {
    expect(DIRECTORY.filter((e) => e.seed !== null).flatMap((e) => e.numbers.map((n) => n.display))).toEqual(SEED_NUMBERS);
    for (const n of DIRECTORY.flatMap((e) => e.numbers)) expect(n.e164).toMatch(/^\+34[6-9]\d{8}$/);
    expect(directoryEntry('customer-service').numbers.map((n) => n.e164)).toEqual(['+34901511000', '+34950210191']);
  });

  it('keeps the groups of the seed, and marks "TELÉFONOS INTERNOS" internal and nothing else', () => {
    expect(GROUPS.map((g) => g.seed)).toEqual(['BANCA ELECTRÓNICA', 'TELÉFONOS DIRECTOS', 'TARJETAS', null, 'REDSYS', 'TELÉFONOS INTERNOS']);
    expect(DIRECTORY.filter((e) => e.internal).map((e) => e.id)).toEqual(['atm-support', 'branch-incidents', 'atu', 'debt-recovery', 'contact-centre-agents']);
    expect(DIRECTORY.filter((e) => e.group === 'direct').map((e) => e.numbers[0]?.display)).toEqual([
      '950 97 99 68', '950 97 99 69', '950 97 99 70', '950 97 99 71', '950 97 99 72', '900 200 179', '608 290 278',
    ]);
  });

  it('marks free exactly the freephone numbers, including both the seed calls "Gratuito"', () => {
    for (const n of DIRECTORY.flatMap((e) => e.numbers)) {
      expect(n.free, n.display).toBe(parsePhoneNumberFromString(n.e164)!.getType() === 'TOLL_FREE');
    }
    expect(directoryEntry('complaints').numbers[0]!.free).toBe(true);
    expect(directoryEntry('card-report').numbers.map((n) => n.free)).toEqual([true, false]);
  });

  it('keeps the web and email addresses, the WhatsApp channel and the hours the seed gives', () => {
    expect(directoryEntry('pos-support-web').links).toEqual([
      { kind: 'url', value: 'https://www.cajamar.es/es/empresas/productos-y-servicios/cobros-y-pagos/tpvs-y-e-commerce/soporte-clientes/' },
    ]);
    expect(directoryEntry('virtual-pos').links).toEqual([{ kind: 'email', value: 'soportetpvsvirtuales@bcc.es' }]);
    expect(directoryEntry('haya').links).toEqual([{ kind: 'url', value: 'https://www.haya.es' }]);
    expect(directoryEntry('whatsapp').channel).toBe('whatsapp');
    const always = DIRECTORY.filter((e) => e.hours === ALWAYS).map((e) => e.id);
    expect(always).toEqual([
      'customer-service', 'phone-banking-support', 'complaints', 'online-banking-unlock',
      'direct-online-banking-user', 'direct-phone-banking-user', 'direct-blocked-operation', 'direct-signature', 'direct-sms-code',
      'contact-centre-agents',
    ]);
    expect(describeHours(directoryEntry('online-banking-support').hours, 'es')).toBe('lunes a viernes, de 08:00 a 22:00');
    expect(describeHours(directoryEntry('managers-offices').hours, 'en')).toBe('Monday to Thursday, 08:00 to 19:00; Friday, 08:00 to 15:00');
    expect(describeHours(directoryEntry('cajamar-consumer-finance').hours, 'es')).toBe('lunes a sábado, de 09:00 a 21:00');
    expect(describeHours({ kind: 'weekly', slots: [{ days: ['sat', 'sun'], from: '22:00', to: '02:00' }] }, 'en')).toBe('Saturday, Sunday, 22:00 to 02:00 the next day');
    expect(describeHours(UNSTATED, 'es')).toBe('Horario no indicado');
  });

  it('has a Spanish and an English name for every entry and group, and every note it announces', () => {
    const ids = [
      ...GROUPS.map((g) => `directory.group.${g.id}`),
      ...DIRECTORY.map((e) => `directory.entry.${e.id}`),
      ...DIRECTORY.filter((e) => e.note).map((e) => `directory.note.${e.id}`),
    ];
    for (const id of ids) for (const locale of LOCALES) expect(catalogue[id]?.[locale]?.trim(), `${id} ${locale}`).toBeTruthy();
  });

  it('refuses a malformed entry when loaded', () => {
    const base = ENTRIES[0]!;
    expect(() => buildDirectory([base, base], GROUPS)).toThrow(/used twice/);
    expect(() => buildDirectory([{ ...base, numbers: [{ display: '12', free: false }] }], GROUPS)).toThrow(/"12" is not a valid phone number/);
    expect(() => buildDirectory([{ ...base, hours: { kind: 'weekly', slots: [] } }], GROUPS)).toThrow(/without a slot/);
    expect(() => buildDirectory([{ ...base, numbers: [] }], GROUPS)).toThrow(/neither a number nor a link/);
    expect(() => directoryNumber('customer-service', 5)).toThrow(/no number 5/);
    expect(() => directoryEntry('nope')).toThrow(/no directory entry/);
  });

  it('adds one line the leaflet does not list: the agent line, internal, where the IVR transfers', () => {
    expect(DIRECTORY.filter((e) => e.seed === null).map((e) => e.id)).toEqual(['contact-centre-agents']);
    expect(DIRECTORY.filter((e) => e.agentLine).map((e) => e.id)).toEqual(['contact-centre-agents']);
    expect(directoryEntry('contact-centre-agents')).toMatchObject({ internal: true, hours: ALWAYS });
    expect(agentLineOf('950 21 01 99')?.id).toBe('contact-centre-agents');
    // The numbers of "Atención al cliente" reach the IVR's support menu: not agent lines.
    expect(agentLineOf(directoryNumber('customer-service'))).toBeUndefined();
    expect(agentLineOf('not a number')).toBeUndefined();
  });

  it("gives the IVR its transfer number and the lines it answers", () => {
    expect(unlockLine.settings.agentNumber).toBe(directoryNumber('contact-centre-agents'));
    expect(unlockLine.lines.unlock!.numbers).toEqual([directoryNumber('online-banking-unlock')]);
    expect(unlockLine.lines.support!.numbers).toEqual([directoryNumber('online-banking-support', 0), directoryNumber('online-banking-support', 1)]);
    expect(unlockLine.lines.signingCode!.numbers).toEqual([directoryNumber('direct-sms-code')]);
  });
});
