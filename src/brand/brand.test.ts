import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { loadConfig } from '../config/config.ts';
import { browserBackend, freshDatabase, testServices } from '../../test/helpers/db.ts';
import { brandCss, contrastRatio, DEMO_WORDMARK, helpPhoneDisplay, siteInfo } from './brand.ts';

const dev = { CERROJO_DEV: 'true' };

describe('the brand in the configuration', () => {
  it('is the demo bank of seed 001 by default', () => {
    const info = siteInfo(loadConfig(dev));
    expect(info).toEqual({
      dev: true,
      brand: { name: 'GRUPO CAJAMAR', logoUrl: DEMO_WORDMARK, helpPhone: { e164: '+34950183313', display: '950 183 313' }, legal: {}, security: {} },
    });
  });

  it('reads every setting from the environment, the help line in any form', () => {
    const config = loadConfig({ ...dev, BRAND_NAME: 'Banco Ejemplo', BRAND_HELP_PHONE: '+34 900 123 456', BRAND_PRIMARY_COLOR: '#7a1f2b', BRAND_ACCENT_COLOR: '#f0b400', BRAND_SECURITY_ES: 'Jamás te pediremos claves.', BRAND_LEGAL_EN: 'Banco Ejemplo S.A.' });
    const info = siteInfo(config);
    // Another name without a logo: the name in text, never the demo's wordmark.
    expect(info.brand).toEqual({ name: 'Banco Ejemplo', logoUrl: null, helpPhone: { e164: '+34900123456', display: '900 123 456' }, legal: { en: 'Banco Ejemplo S.A.' }, security: { es: 'Jamás te pediremos claves.' } });
    expect(brandCss(config.brand.colors)).toBe(':root{--brand-primary:#7a1f2b;--brand-on-primary:#ffffff;--brand-accent:#f0b400;}\n');
  });

  it.each([
    [{ BRAND_HELP_PHONE: '12345' }, 'brand.helpPhone (BRAND_HELP_PHONE)', /not a valid phone number/],
    [{ BRAND_PRIMARY_COLOR: 'red;}body{display:none' }, 'brand.colors.primary (BRAND_PRIMARY_COLOR)', /must match pattern/],
    [{ BRAND_PRIMARY_COLOR: '#8dc63f' }, 'brand.colors.primary (BRAND_PRIMARY_COLOR)', /contrast of 1\.\d+:1 against the page background/],
    [{ BRAND_ON_PRIMARY_COLOR: '#00704b' }, 'brand.colors.onPrimary (BRAND_ON_PRIMARY_COLOR)', /contrast/],
    [{ BRAND_LOGO: 'http://cdn.example.com/logo.svg' }, 'brand.logo (BRAND_LOGO)', /https:\/\//],
    [{ BRAND_LOGO: '/nowhere/logo.svg' }, 'brand.logo (BRAND_LOGO)', /file not found/],
    [{ BRAND_LOGO: '/etc/hostname' }, 'brand.logo (BRAND_LOGO)', /must be \.svg/],
  ])('refuses %o naming the key', (env, key, message) => {
    expect(() => loadConfig({ ...dev, ...env })).toThrowError(`Invalid configuration "${key}"`);
    expect(() => loadConfig({ ...dev, ...env })).toThrowError(message);
  });

  it('measures contrast as WCAG does and writes Spanish numbers in threes', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#00704a')).toBeGreaterThan(4.5);
    expect(helpPhoneDisplay('+34950183313')).toBe('950 183 313');
    expect(helpPhoneDisplay('+442079460000')).toBe('+44 20 7946 0000');
  });
});

describe(`the brand over HTTP [${browserBackend().name}]`, () => {
  async function appWith(overrides: Record<string, unknown>) {
    const database = await freshDatabase(browserBackend());
    const app = await buildApp(testServices(database, overrides), { logger: false });
    return { app, close: async () => { await app.close(); await database.drop(); } };
  }

  it('tells the web app the mode and the brand, and serves the colours as a cacheable stylesheet', async () => {
    const { app, close } = await appWith({ dev: true, 'brand.name': 'Banco Ejemplo', 'brand.colors.primary': '#7a1f2b' });
    try {
      const site = await app.inject('/api/site');
      expect(site.statusCode).toBe(200);
      expect(site.headers['cache-control']).toBe('public, max-age=300');
      expect(site.json()).toMatchObject({ dev: true, brand: { name: 'Banco Ejemplo', logoUrl: null } });
      const css = await app.inject('/brand.css');
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(css.headers['cache-control']).toBe('public, max-age=300');
      expect(css.body).toContain('--brand-primary:#7a1f2b;');
    } finally {
      await close();
    }
  });

  it('serves a logo file under /brand/ with its type, and lets the pages load an https:// logo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cerrojo-brand-'));
    const file = join(dir, 'logo.png');
    writeFileSync(file, Buffer.from('89504e470d0a1a0a', 'hex'));
    const fileApp = await appWith({ 'brand.name': 'Banco Ejemplo', 'brand.logo': file });
    const urlApp = await appWith({ 'brand.logo': 'https://cdn.example-bank.es/logo.svg' });
    try {
      expect((await fileApp.app.inject('/api/site')).json().brand.logoUrl).toBe('/brand/logo.png');
      const logo = await fileApp.app.inject('/brand/logo.png');
      expect(logo.statusCode).toBe(200);
      expect(logo.headers['content-type']).toBe('image/png');
      expect(logo.rawPayload.toString('hex')).toBe('89504e470d0a1a0a');
      expect(logo.headers['content-security-policy']).toContain("img-src 'self' data:;");
      const page = await urlApp.app.inject('/api/site');
      expect(page.json().brand.logoUrl).toBe('https://cdn.example-bank.es/logo.svg');
      expect(page.headers['content-security-policy']).toContain("img-src 'self' data: https://cdn.example-bank.es;");
    } finally {
      await fileApp.close();
      await urlApp.close();
    }
  });
});
