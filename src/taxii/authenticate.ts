import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ParleyError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { TaxiiEnv } from './taxii-env.ts';

/** How long a verified Basic credential is remembered, so scrypt runs once per client and minute, not per request. */
const BASIC_CACHE_MS = 60_000;
const BASIC_CACHE_SIZE = 1000;

/**
 * Authenticates HTTP Basic (scrypt-checked password) or Bearer (SHA-256-looked-up token). Sets `account`; the
 * account must still exist on every request, so `parley account remove` takes effect at once.
 */
export function authenticate(store: Store): MiddlewareHandler<TaxiiEnv> {
  const verified = new Map<string, { account: string; until: number }>();
  return async (c, next) => {
    const header = c.req.header('authorization');
    const account = header === undefined ? undefined : await identify(store, header, verified);
    if (!account || !(await store.accounts.get(account))) {
      c.header('WWW-Authenticate', 'Basic realm="parley", Bearer realm="parley"');
      throw new ParleyError('UNAUTHORIZED', header === undefined ? 'send HTTP Basic credentials or a bearer token' : 'the credentials are not valid');
    }
    c.set('account', account);
    await next();
  };
}

async function identify(store: Store, header: string, verified: Map<string, { account: string; until: number }>): Promise<string | undefined> {
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return store.accounts.verifyToken(value);
  if (scheme?.toLowerCase() !== 'basic') return undefined;
  const key = createHash('sha256').update(value).digest('hex');
  const hit = verified.get(key);
  if (hit && hit.until > Date.now()) return hit.account;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const account = await store.accounts.verifyPassword(decoded.slice(0, colon), decoded.slice(colon + 1));
  if (account) {
    if (verified.size >= BASIC_CACHE_SIZE) verified.clear();
    verified.set(key, { account, until: Date.now() + BASIC_CACHE_MS });
  }
  return account;
}
