import { hash, verify } from '@node-rs/argon2';

/**
 * Password hashing with argon2id at OWASP's parameters (m=19 MiB, t=2, p=1). The work runs
 * on libuv's thread pool, never on the event loop; the parameters live in the hash string.
 */
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Checks against a throwaway hash so an unknown user costs the same time as a known one. */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummy ??= hashPassword('cerrojo-dummy-password');
  await verifyPassword(await dummy, password);
  return false;
}
