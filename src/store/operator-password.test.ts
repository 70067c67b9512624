import { describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.ts';
import { hashPassword, MIN_PASSWORD_COST, verifyPassword } from './operator-password.ts';

describe('operator passwords', () => {
  it('hash with scrypt at the OWASP cost by default and verify', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  });
  it('salt every hash and read the cost from the stored hash', async () => {
    const one = await hashPassword('correct horse battery', MIN_PASSWORD_COST);
    const two = await hashPassword('correct horse battery', MIN_PASSWORD_COST);
    expect(one).not.toBe(two);
    expect(await verifyPassword('correct horse battery', two)).toBe(true);
    expect(await verifyPassword('correct horse battery', 'md5$abc')).toBe(false);
  });
  it('refuse short passwords and weak costs', async () => {
    await expect(hashPassword('short')).rejects.toSatisfy((e: unknown) => isParleyError(e, 'BAD_REQUEST'));
    await expect(hashPassword('long enough password', 1024)).rejects.toThrow(/power of two/);
  });
});
