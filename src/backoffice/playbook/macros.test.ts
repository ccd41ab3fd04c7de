import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFile } from '../deps.ts';
import { loadMacros, renderMacro } from './macros.ts';

const shipped = configFile(undefined, 'macros.json');
const params = { customerName: 'María García López', caseNumber: '1042', officeCode: '0123', officeName: 'Almería Centro', officeContact: 'Almería Centro (0123), 950 210 123' };

describe('the macros of seed 002', () => {
  it('ships both macros with their names, in Spanish and English, filled in for a case', () => {
    const macros = loadMacros(shipped);
    expect(macros.posible_cliente_comprometido.name).toBe('Posible cliente comprometido');
    expect(macros.no_contesta_comprometido.name).toBe('No contesta – Comprometido');
    for (const macro of Object.values(macros)) {
      for (const locale of ['es', 'en'] as const) {
        const email = renderMacro(macro, locale, params);
        expect(email.subject).toContain('1042');
        expect(email.body).toContain(locale === 'es' ? 'María García López' : 'María García López');
        expect(email.body).toContain('antivirus');
        expect(email.body).toContain('0123');
        expect(email.body).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('keeps data as plain text', () => {
    const email = renderMacro(loadMacros(shipped).posible_cliente_comprometido, 'es', { ...params, customerName: 'Eve\nBcc: x@evil.test' });
    expect(email.body).toContain('Eve Bcc: x@evil.test:');
    expect(email.subject).not.toContain('\n');
  });

  it('refuses a file missing a macro or using an unknown placeholder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cerrojo-m-'));
    const file = JSON.parse(readFileSync(shipped, 'utf8'));
    const missing = join(dir, 'missing.json');
    writeFileSync(missing, JSON.stringify({ macros: { posible_cliente_comprometido: file.macros.posible_cliente_comprometido } }));
    expect(() => loadMacros(missing)).toThrow(/no_contesta_comprometido" is missing/);
    const unknown = join(dir, 'unknown.json');
    file.macros.no_contesta_comprometido.subject.en = 'Your IBAN {iban}';
    writeFileSync(unknown, JSON.stringify(file));
    expect(() => loadMacros(unknown)).toThrow(/\{iban\}/);
  });
});
