import { ParleyError } from '../errors.ts';

/** Who holds a named lease and until when (for display: `parley serve` logs, status pages). */
export interface LeaseHolder {
  name: string;
  holder: string;
  /** Milliseconds since the epoch; the lease is free from this instant on. */
  expiresAt: number;
}

/** How `acquire` may take a lease over besides when it is free, expired or already ours. */
export interface AcquireOptions {
  /**
   * Also take the lease when this exact holder has it, though unexpired: for a holder the caller knows to be dead
   * (a process of this host that no longer exists). The compare-and-set still fails if the holder changed meanwhile.
   */
  replacing?: string;
}

/**
 * Named leases shared by every instance on one store: at most one holder per name at any instant, each holding it
 * for a time-to-live it must renew. Backed by a `leases(name, holder, expires_at)` row per name, changed only by an
 * atomic compare-and-set so that two instances racing for a free lease cannot both get it.
 */
export interface LeaseStore {
  /**
   * Takes or renews `name` for `holder` until `now + ttlMs` when it is free, expired (`expires_at < now`) or
   * already held by `holder` (or by `options.replacing`); returns whether `holder` holds it now.
   */
  acquire(name: string, holder: string, ttlMs: number, now: number, options?: AcquireOptions): Promise<boolean>;
  /** Gives `name` up if `holder` holds it (a no-op otherwise), so another instance can take it at once. */
  release(name: string, holder: string): Promise<void>;
  /** The current row for `name`, expired or not; undefined when never taken or released. */
  holder(name: string): Promise<LeaseHolder | undefined>;
}

/** Rejects arguments that would store a lease nobody can reason about. */
export function assertLeaseArguments(name: string, holder: string, ttlMs: number, now: number): void {
  if (!name || !holder) throw new ParleyError('BAD_REQUEST', 'a lease needs a name and a holder');
  if (!(Number.isSafeInteger(ttlMs) && ttlMs > 0)) throw new ParleyError('BAD_REQUEST', `lease ttl must be a positive whole number of milliseconds, not ${ttlMs}`);
  if (!Number.isSafeInteger(now)) throw new ParleyError('BAD_REQUEST', `lease time must be whole milliseconds since the epoch, not ${now}`);
}
