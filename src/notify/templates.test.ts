import { describe, expect, it } from 'vitest';
import { catalogue, LOCALES } from '../i18n/catalogue.ts';
import { formatAmount } from './format.ts';
import { normaliseRecipient, toE164 } from './recipient.ts';
import { renderMessage, requiredParams, TEMPLATES, type TemplateId } from './templates.ts';

const ids = Object.keys(TEMPLATES) as TemplateId[];
const sample = (id: TemplateId) => Object.fromEntries(requiredParams(id).map((p) => [p, `<${p}>`]));

describe('message templates', () => {
  it('every template renders in Spanish and English with its placeholders filled', () => {
    for (const id of ids) {
      for (const locale of LOCALES) {
        const { subject, body } = renderMessage(id, locale, sample(id));
        expect(body).not.toMatch(/\{\w+\}/);
        for (const p of requiredParams(id)) expect(body + (subject ?? '')).toContain(`<${p}>`);
        if (TEMPLATES[id].channel === 'email') expect(subject).toBeTruthy();
        else expect(subject).toBeUndefined();
      }
    }
  });

  it('Spanish and English texts ask for the same parameters', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [id, text] of Object.entries(catalogue).filter(([k]) => k.startsWith('sms.') || k.startsWith('email.'))) {
      expect(names(text.en), id).toEqual(names(text.es));
    }
  });

  it('covers the messages the flows send', () => {
    for (const id of ['sms.code.recovery', 'sms.temporary_password', 'email.user_code', 'sms.password_changed', 'sms.signing_code', 'sms.unlock_code', 'sms.phone_banking_credentials', 'email.security_advice']) {
      expect(ids).toContain(id);
    }
  });

  it('refuses to render without a required parameter', () => {
    expect(() => renderMessage('sms.unlock_code', 'es', { code: '123456', minutes: 10 })).toThrow(/reference/);
    expect(() => renderMessage('sms.code.recovery', 'en', { code: '', minutes: 10 })).toThrow(/code/);
  });

  it('a signing code names the operation, the amount, the account paid and the payee as typed (PSD2 dynamic linking)', () => {
    const amount = formatAmount(1_250_000, 'EUR', 'es');
    const { body } = renderMessage('sms.signing_code', 'es', {
      code: '482913',
      operation: 'una transferencia',
      amount,
      iban: 'ES*****1332',
      beneficiary: 'Juan Pérez',
      reference: '12345678',
      minutes: 5,
    });
    expect(body).toBe(
      `Cerrojo: 482913 es tu clave para firmar una transferencia de ${amount} a la cuenta ES*****1332 (beneficiario tal como lo escribiste: "Juan Pérez") (ref. 12345678). Caduca en 5 min. Si no reconoces la operación, no la uses ni la compartas.`,
    );
    expect(amount).toMatch(/^12\.500,00\s€$/);
  });

  it('leaves out the amount and beneficiary of an operation that has none', () => {
    const { body } = renderMessage('sms.signing_code', 'en', { code: '482913', operation: 'a password change', reference: '87654321', minutes: 5 });
    expect(body).toContain('to sign a password change (ref. 87654321)');
    expect(body).not.toMatch(/ for | to \(/);
  });

  it('inserts values as plain text: no line breaks, no placeholder expansion', () => {
    const { body } = renderMessage('sms.signing_code', 'en', {
      code: '111111',
      operation: 'a transfer',
      beneficiary: 'Evil\nCorp {code}',
      reference: '1',
      minutes: 5,
    });
    expect(body).toContain('(payee as you typed it: "Evil Corp {code}") (ref. 1)');
    expect(body).not.toContain('\n');
  });

  it('emails have a subject from `<id>.subject`', () => {
    expect(renderMessage('email.user_code', 'en', { name: 'Ana', userCode: 'AB12345' })).toMatchObject({
      subject: 'Your online banking user code',
      body: expect.stringContaining('    AB12345\n'),
    });
  });
});

describe('recipients', () => {
  it('stores phones in E.164, reading national numbers as Spanish', () => {
    expect(toE164('600 111 222')).toBe('+34600111222');
    expect(toE164('+34 600-111-222')).toBe('+34600111222');
    expect(toE164('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(toE164('12')).toBeNull();
    expect(() => normaliseRecipient('sms', 'not a phone')).toThrow(/valid phone/);
  });

  it('accepts one plain email address and nothing that could bend a mail header', () => {
    expect(normaliseRecipient('email', ' Ana.Perez@Example.ES ')).toBe('Ana.Perez@example.es');
    for (const bad of ['a@b', 'a b@c.es', 'a@b.es, c@d.es', 'a@b.es\r\nBcc: x@y.es', 'no-at.example.es']) {
      expect(() => normaliseRecipient('email', bad), bad).toThrow(/valid address/);
    }
  });
});
