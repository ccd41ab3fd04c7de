import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/config.ts';
import { DEMO_ALERTS } from '../../demo/demo-alerts.ts';
import { loadAlertCatalogue } from './catalogue.ts';
import { alertWord, humanise } from './words.ts';

const dir = mkdtempSync(join(tmpdir(), 'cerrojo-catalogue-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const refusal = (setting: unknown) => {
  try {
    loadAlertCatalogue(setting);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('the catalogue was accepted');
};

describe('alert catalogue (words, not keys)', () => {
  it('names every situation the demo and online banking raise, and the detail keys their alerts carry, in both languages', () => {
    const catalogue = loadAlertCatalogue(undefined);
    const situations = [...DEMO_ALERTS.map((a) => a.situation), 'held_transfer'];
    for (const key of situations) expect(Object.keys(catalogue.situations)).toContain(key);
    const details = [...new Set(DEMO_ALERTS.flatMap((a) => Object.keys(a.details(new Date(), { deviceLinkedAt: 'x' })))), 'rules', 'amountCents', 'iban', 'fraudRules', 'concept'];
    for (const key of details) expect(Object.keys(catalogue.details)).toContain(key);
    expect(alertWord(catalogue, 'situations', 'transfer_unusual_access', 'es')).toBe('Transferencia desde una conexión no habitual');
    expect(alertWord(catalogue, 'situations', 'transfer_unusual_access', 'en')).toBe('Transfer from an unusual connection');
    expect(alertWord(catalogue, 'details', 'ip', 'es')).toBe('Dirección IP');
    expect(alertWord(catalogue, 'details', 'country', 'en')).toBe('Country');
  });

  it('takes the bank’s entries over the shipped ones, from an object, JSON text or a file, and adds new situations', () => {
    const own = { situations: { login_new_location: { es: 'Acceso desde otro país', en: 'Sign-in from another country' }, mule_account: { es: 'Cuenta mula', en: 'Mule account' } }, details: { ip: { es: 'IP de origen', en: 'Source IP' } } };
    for (const setting of [own, JSON.stringify(own), ` ${JSON.stringify(own)}\n`, file('own.json', JSON.stringify(own))]) {
      const catalogue = loadAlertCatalogue(setting);
      expect(alertWord(catalogue, 'situations', 'login_new_location', 'es')).toBe('Acceso desde otro país');
      expect(alertWord(catalogue, 'situations', 'mule_account', 'en')).toBe('Mule account');
      expect(alertWord(catalogue, 'details', 'ip', 'en')).toBe('Source IP');
      // What the bank did not name keeps the shipped words.
      expect(alertWord(catalogue, 'situations', 'beneficiary_added', 'es')).toBe('Alta de un beneficiario nuevo');
      expect(alertWord(catalogue, 'details', 'country', 'es')).toBe('País');
    }
  });

  it('reads ALERT_CATALOGUE from the environment through the configuration', () => {
    const config = loadConfig({ CERROJO_DEV: 'true', ALERT_CATALOGUE: '{"situations":{"sim_swap":{"es":"SIM duplicada","en":"SIM duplicated"}}}' }, {}, undefined);
    expect(alertWord(loadAlertCatalogue(config.backoffice.alertCatalogue), 'situations', 'sim_swap', 'es')).toBe('SIM duplicada');
  });

  it('refuses a bad catalogue at start, naming the setting, the entry and what is wrong', () => {
    expect(refusal('{"situations": {')).toMatch(/backoffice\.alertCatalogue \(ALERT_CATALOGUE\).*the JSON text/);
    expect(refusal({ situations: { login_new_location: { es: 'Solo español' } } })).toMatch(/situations\/login_new_location.*en/);
    expect(refusal({ situations: { x1: { es: '', en: 'Empty' } } })).toMatch(/situations\/x1\/es/);
    expect(refusal({ situations: { 'Not A Key': { es: 'a', en: 'b' } } })).toMatch(/situations\/Not A Key: not a situation key/);
    expect(refusal({ words: {} })).toMatch(/backoffice\.alertCatalogue/);
    expect(refusal(['a'])).toMatch(/backoffice\.alertCatalogue/);
    expect(refusal(join(dir, 'missing.json'))).toMatch(/missing\.json.*ENOENT/);
    expect(refusal(file('bad.json', 'not json'))).toMatch(/bad\.json/);
  });

  it('falls back to the key in words for what nobody named, without ever throwing', () => {
    expect(humanise('transfer_unusual_access')).toBe('Transfer unusual access');
    expect(humanise('deviceLinkedAt')).toBe('Device linked at');
    expect(humanise('geo.city-name')).toBe('Geo city name');
    expect(humanise('___')).toBe('___');
    expect(alertWord(null, 'situations', 'card_cloned', 'es')).toBe('Card cloned');
    const catalogue = loadAlertCatalogue(undefined);
    expect(alertWord(catalogue, 'details', 'constructor', 'es')).toBe('Constructor');
    expect(alertWord(catalogue, 'situations', '__proto__', 'en')).toBe('Proto');
  });
});
