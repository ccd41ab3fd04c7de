import { describe, expect, it } from 'vitest';
import { DIRECTORY } from './directory.ts';
import { normalizeText, numberQuery, searchDirectory } from './search.ts';

const ids = (query: string) => searchDirectory(DIRECTORY, query).map((e) => e.id);

describe('searchDirectory', () => {
  it('returns everything, in the seed order, for an empty query', () => {
    expect(ids('')).toEqual(DIRECTORY.map((e) => e.id));
    expect(ids('   ')).toHaveLength(DIRECTORY.length);
  });

  it('finds by name in Spanish or English, without minding accents or case', () => {
    expect(ids('telefonica')).toEqual(['phone-banking-support', 'direct-phone-banking-user']);
    expect(ids('TELEFÓNICA')).toEqual(ids('telefonica'));
    expect(ids('firma')).toEqual(['direct-signature']);
    expect(ids('signature')).toEqual(['direct-signature']);
    expect(ids('mesa de cambio')).toEqual(['currency-desk']);
    expect(ids('Foreign exchange')).toEqual(['currency-desk']);
    expect(ids('inglés')).toContain('cajamar-general-insurance-english');
    expect(ids('soporte tpv')).toEqual(['pos-support', 'pos-support-web', 'virtual-pos']); // the last by its address soportetpvsvirtuales@
  });

  it('finds by group, and every word must match', () => {
    expect(ids('tarjetas')).toEqual(['card-report', 'visa-emergency', 'mastercard-emergency']);
    expect(ids('internos')).toEqual(['atm-support', 'branch-incidents', 'atu', 'debt-recovery', 'contact-centre-agents']);
    expect(ids('tarjetas visa')).toEqual(['visa-emergency']);
    expect(ids('visa zzz')).toEqual([]);
  });

  it('finds by number with or without spaces, dots, +34 or 0034, and by part of a number', () => {
    for (const q of ['950 97 99 68', '950979968', '+34 950 97 99 68', '+34950979968', '0034 950 979 968', '950-97-99-68']) {
      expect(ids(q), q).toEqual(['direct-online-banking-user']);
    }
    expect(ids('901 511 000')).toEqual(['customer-service', 'online-banking-support']);
    expect(ids('+34 950 21 01 91')).toEqual(['customer-service', 'online-banking-support']);
    expect(ids('950183012')).toEqual(['wefferent', 'managers-offices']);
    expect(ids('9799')).toHaveLength(5);
    expect(ids('913626200')).toEqual(['visa-emergency']);
    expect(ids('123456789')).toEqual([]);
  });

  it('finds an office by its code and by the words of a note, and a link by its address', () => {
    expect(ids('8732')).toEqual(['office-8732']);
    expect(ids('oficina virtual')).toEqual(['office-8732']);
    expect(ids('oficina 8683')).toEqual(['office-8683']);
    expect(ids('CAE')).toContain('managers-offices');
    expect(ids('bcc.es')).toEqual(['virtual-pos']);
    expect(ids('haya.es')).toEqual(['haya']);
    expect(ids('whatsapp')).toEqual(['whatsapp']);
  });

  it('normalises text and reads numbers as people type them', () => {
    expect(normalizeText('Atención Ñandú')).toBe('atencion nandu');
    expect(numberQuery('(950) 97.99.68')).toBe('950979968');
    expect(numberQuery('+34 950')).toBe('34950');
    expect(numberQuery('12')).toBeNull();
    expect(numberQuery('oficina 8732')).toBeNull();
  });
});
