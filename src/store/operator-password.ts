import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ParleyError } from '../errors.ts';

/** OWASP's recommended scrypt cost (N=2^17, r=8, p=1: 128 MiB, about a second here). */
export const DEFAULT_PASSWORD_COST = 131072;
/** The lowest cost accepted (N=2^14), for tests and small devices. */
export const MIN_PASSWORD_COST = 16384;
const KEY_LENGTH = 32;
const MIN_LENGTH = 12;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Rejects passwords too short to resist guessing. */
export function assertAcceptablePassword(password: string): void {
  if (typeof password !== 'string' || [...password].length < MIN_LENGTH) {
    throw new ParleyError('BAD_REQUEST', `a password needs at least ${MIN_LENGTH} characters`);
  }
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64url), so parameters can rise without breaking old hashes. */
export async function hashPassword(password: string, cost = DEFAULT_PASSWORD_COST): Promise<string> {
  assertAcceptablePassword(password);
  if (!Number.isInteger(Math.log2(cost)) || cost < MIN_PASSWORD_COST) throw new ParleyError('INTERNAL', `scrypt cost must be a power of two >= ${MIN_PASSWORD_COST}`);
  const salt = randomBytes(16);
  const params = { N: cost, r: 8, p: 1 };
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
