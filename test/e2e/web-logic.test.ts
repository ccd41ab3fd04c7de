import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isValidElement } from 'react';
import { describe, expect, it } from 'vitest';
import { catalogue, LOCALES } from '../../src/i18n/catalogue.ts';
import { FACES, OPERATOR_LINKS } from '../../web/src/faces.ts';
import { initialLocale } from '../../web/src/i18n/locale.ts';
import { rich } from '../../web/src/i18n/rich.tsx';
import { devMessagesUrl, PAGE_SIZE } from '../../web/src/messages/api.ts';
import { filterFromSearch, searchFromFilter } from '../../web/src/messages/filter.ts';

const WEB_SRC = resolve(import.meta.dirname, '..', '..', 'web', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [readFileSync(join(dir, e.name), 'utf8')] : [],
  );
}

/** Every catalogue id the web app can ask for: literal `t('…')` calls plus the ids built from data. */
function idsUsedByTheWebApp(): Set<string> {
  const used = new Set<string>();
  for (const text of sources(WEB_SRC)) for (const m of text.matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]!);
  for (const face of FACES) used.add(`web.face.${face.key}.name`).add(`web.face.${face.key}.summary`).add(`web.status.${face.status}`);
  for (const op of OPERATOR_LINKS) used.add(`web.ops.${op.key}.name`).add(`web.ops.${op.key}.summary`);
  for (const locale of LOCALES) used.add(`web.lang.${locale}`);
  for (const channel of ['sms', 'email']) used.add(`web.messages.channel.${channel}`);
  return used;
}

describe('web app texts (no browser needed)', () => {
  const used = idsUsedByTheWebApp();

  it('asks only for ids the catalogue has, each in Spanish and English', () => {
    for (const id of used) {
      expect(catalogue[id], id).toBeDefined();
      expect(catalogue[id]!.es.trim(), `${id} es`).not.toBe('');
      expect(catalogue[id]!.en.trim(), `${id} en`).not.toBe('');
    }
  });

  it('leaves no web text unused', () => {
    const unused = Object.keys(catalogue).filter((id) => id.startsWith('web.') && !used.has(id));
    expect(unused).toEqual([]);
  });
});

describe('web app logic', () => {
  it('opens in ?lang= first, then the remembered language, then Spanish', () => {
    expect(initialLocale('?lang=en', 'es')).toBe('en');
    expect(initialLocale('?lang=es', 'en')).toBe('es');
    expect(initialLocale('', 'en')).toBe('en');
    expect(initialLocale('?lang=fr', 'en')).toBe('en');
    expect(initialLocale('?lang=fr', 'de')).toBe('es');
    expect(initialLocale('', null)).toBe('es');
  });

  it('keeps the message filter in the address and reads it back', () => {
    const filter = { to: '+34 612 345 331', channel: 'sms' as const };
    expect(filterFromSearch(searchFromFilter(filter))).toEqual(filter);
    expect(searchFromFilter({ to: '  ', channel: '' })).toBe('');
    expect(filterFromSearch('?channel=fax&to=%20ana%40example.com%20')).toEqual({ to: 'ana@example.com', channel: '' });
  });

  it('asks the API for one page, with the filter trimmed', () => {
    const url = new URL(devMessagesUrl({ to: ' 612 345 331 ', channel: 'email' }), 'http://x');
    expect(url.pathname).toBe('/api/dev/messages');
    expect(Object.fromEntries(url.searchParams)).toEqual({ limit: String(PAGE_SIZE), to: '612 345 331', channel: 'email' });
    expect(devMessagesUrl({ to: '', channel: '' })).toBe(`/api/dev/messages?limit=${PAGE_SIZE}`);
  });

  it('fills placeholders with elements and leaves unknown ones as written', () => {
    const out = rich('Ve a {home} o {other}.', { home: 'HOME' }) as unknown[];
    expect(out.map((p) => (isValidElement(p) ? (p.props as { children: unknown }).children : p))).toEqual(['Ve a ', 'HOME', ' o ', '{other}', '.']);
  });
});
