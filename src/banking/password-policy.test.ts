import { describe, expect, it } from 'vitest';
import { checkNewPassword, DEFAULT_PASSWORD_LIMITS, passwordLength, passwordStrength, STRENGTH_LABELS_EN, STRENGTH_LABELS_ES } from './password-policy.ts';

const L = DEFAULT_PASSWORD_LIMITS;

describe('password policy', () => {
  it('enforces at least 8 characters and up to 64 by default, counting code points', () => {
    expect(checkNewPassword('Ab1$xyz', L)).toMatchObject({ ok: false, reason: 'too_short' });
    expect(checkNewPassword('x'.repeat(65), L)).toMatchObject({ ok: false, reason: 'too_long' });
    expect(checkNewPassword('Tr3s-Tigres-Tristes-'.repeat(3), L).ok).toBe(true);
    expect(passwordLength('🔒🔒🔒🔒🔒🔒🔒🔒')).toBe(8);
  });

  it('follows a lower configured maximum (the seed advises 20)', () => {
    expect(checkNewPassword('Una-Frase-Larga-De-Verdad-2026', { minLength: 8, maxLength: 20 })).toMatchObject({ ok: false, reason: 'too_long' });
  });

  it('refuses a repeat that does not match', () => {
    expect(checkNewPassword('Cerrojo-2024!', L, { repeat: 'Cerrojo-2024?' })).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(checkNewPassword('Cerrojo-2024!', L, { repeat: 'Cerrojo-2024!' })).toMatchObject({ ok: true });
  });

  it('refuses common and weak passwords instead of forcing a composition (ASVS 2.1.9)', () => {
    for (const weak of ['password', 'Password1', '12345678', 'qwerty123', 'contraseña', 'Verano2024']) {
      expect(checkNewPassword(weak, L), weak).toMatchObject({ ok: false, reason: 'too_common' });
    }
    expect(passwordStrength('password').common).toBe(true);
    // No composition rule: a long lower-case phrase is fine.
    expect(checkNewPassword('correct horse battery', L)).toMatchObject({ ok: true });
  });

  it('counts the user code and the name as known words', () => {
    expect(checkNewPassword('Zorblatquux1', L).ok).toBe(true);
    expect(checkNewPassword('Zorblatquux1', L, { userInputs: ['Zorblatquux'] })).toMatchObject({ ok: false, reason: 'too_common' });
    expect(checkNewPassword('MGARCIA01x', L, { userInputs: ['MGARCIA01'] })).toMatchObject({ ok: false, reason: 'too_common' });
  });

  it('scores 0 to 4 with a label for each in both languages', () => {
    expect(passwordStrength('').score).toBe(0);
    expect(passwordStrength('Tr3s-Tigres-Tristes').score).toBeGreaterThanOrEqual(3);
    expect(STRENGTH_LABELS_ES).toHaveLength(5);
    expect(STRENGTH_LABELS_EN).toHaveLength(5);
    expect(STRENGTH_LABELS_ES[4]).toBe('Muy fuerte');
  });
});
