import { describe, expect, it } from 'vitest';
import { createKeyedHasher, randomDigits } from './crypto.ts';
import { createSealer } from './sealing.ts';

const key = 'cd'.repeat(32);

describe('keyed hashing', () => {
  const hasher = createKeyedHasher(key);
  it('verifies the value it hashed and nothing else', () => {
    const h = hasher.hash('otp', '123456');
    expect(hasher.verify('otp', '123456', h)).toBe(true);
    expect(hasher.verify('otp', '123457', h)).toBe(false);
    expect(h).not.toContain('123456');
  });
  it('separates purposes and keys', () => {
    expect(hasher.hash('otp', '1')).not.toBe(hasher.hash('pin', '1'));
    expect(createKeyedHasher('ef'.repeat(32)).hash('otp', '1')).not.toBe(hasher.hash('otp', '1'));
  });
  it('refuses a short key', () => {
    expect(() => createKeyedHasher('ab')).toThrow();
  });
});

describe('random digits', () => {
  it('gives the asked number of decimal digits, all digits used', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const d = randomDigits(6);
      expect(d).toMatch(/^\d{6}$/);
      for (const c of d) seen.add(c);
    }
    expect(seen.size).toBe(10);
  });
});

describe('sealing', () => {
  const sealer = createSealer(key);
  it('round-trips and hides the text', () => {
    const sealed = sealer.seal('Tu clave es 123456');
    expect(sealed).not.toContain('123456');
    expect(sealer.open(sealed)).toBe('Tu clave es 123456');
    expect(sealer.seal('x')).not.toBe(sealer.seal('x'));
  });
  it('detects tampering and a wrong key', () => {
    const sealed = sealer.seal('hola');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('adios').toString('base64url');
    expect(() => sealer.open(parts.join(':'))).toThrow();
    expect(() => createSealer('ef'.repeat(32)).open(sealed)).toThrow();
  });
});
