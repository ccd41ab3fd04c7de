import { describe, expect, it } from 'vitest';
import { createKeyedHasher } from '../platform/crypto.ts';
import { checkCodeKey, codeHash, codeMatches, codeMaxAttempts, codeTtlSeconds, deadCodeStatus } from './codes.ts';

const hasher = createKeyedHasher('b2'.repeat(32));

describe('one-time code rules', () => {
  it('binds the hash to purpose and subject', () => {
    const stored = codeHash(hasher, 'signing', 'operation:1', '123456');
    expect(stored).not.toContain('123456');
    expect(codeMatches(hasher, 'signing', 'operation:1', '123456', stored)).toBe(true);
    expect(codeMatches(hasher, 'signing', 'operation:2', '123456', stored)).toBe(false);
    expect(codeMatches(hasher, 'unlock', 'operation:1', '123456', stored)).toBe(false);
    expect(codeMatches(hasher, 'signing', 'operation:1', '123457', stored)).toBe(false);
  });

  it('caps the lifetime at ten minutes and refuses nonsense', () => {
    expect(codeTtlSeconds({ codeTtlSeconds: 300 })).toBe(300);
    expect(codeTtlSeconds({ codeTtlSeconds: 300 }, 3600)).toBe(600);
    expect(codeTtlSeconds({ codeTtlSeconds: 300 }, 60)).toBe(60);
    expect(() => codeTtlSeconds({ codeTtlSeconds: 300 }, 0)).toThrow(/positive/);
    expect(() => codeTtlSeconds({ codeTtlSeconds: 300 }, 1.5)).toThrow(/positive/);
  });

  it('takes the attempt limit from the configuration unless given', () => {
    expect(codeMaxAttempts({ codeAttempts: 5 })).toBe(5);
    expect(codeMaxAttempts({ codeAttempts: 5 }, 3)).toBe(3);
    expect(() => codeMaxAttempts({ codeAttempts: 5 }, 0)).toThrow();
  });

  it('explains why a code is not live', () => {
    const now = new Date('2026-01-01T10:00:00Z');
    const live = { consumed_at: null, expires_at: new Date('2026-01-01T10:05:00Z'), attempts: 5, max_attempts: 5 };
    expect(deadCodeStatus(undefined, now)).toBe('not_found');
    expect(deadCodeStatus({ ...live, consumed_at: now }, now)).toBe('not_found');
    expect(deadCodeStatus({ ...live, expires_at: now }, now)).toBe('expired');
    expect(deadCodeStatus(live, now)).toBe('exhausted');
  });

  it('accepts only short identifiers as purposes', () => {
    expect(() => checkCodeKey('signing', 'operation:x')).not.toThrow();
    expect(() => checkCodeKey('Signing code', 'x')).toThrow();
    expect(() => checkCodeKey('signing', '')).toThrow();
  });
});
