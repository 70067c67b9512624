import { afterEach, describe, expect, it } from 'vitest';
import { ParleyError } from '../errors.ts';
import type { LeaseStore } from './lease-store.ts';

/** One database for the lease contract: `connect` opens another connection (as another instance would). */
export interface LeaseBackend {
  name: string;
  open(): Promise<{ connect(): Promise<LeaseStore>; dispose(): Promise<void> }>;
}

/** The lease store contract, run once per backend (`describe` per backend; see lease-store.contract.test.ts). */
export function leaseStoreContract(backend: LeaseBackend): void {
  describe(`${backend.name}: lease store`, () => {
    let opened: Awaited<ReturnType<LeaseBackend['open']>> | undefined;
    const connect = async () => (opened ??= await backend.open()).connect();
    afterEach(async () => {
      await opened?.dispose();
      opened = undefined;
    });
    const T = 1_700_000_000_000;

    it('takes a free lease, shows its holder, and refuses it to another holder until it expires', async () => {
      const leases = await connect();
      expect(await leases.holder('deadlines')).toBeUndefined();
      expect(await leases.acquire('deadlines', 'a', 15_000, T)).toBe(true);
      expect(await leases.holder('deadlines')).toEqual({ name: 'deadlines', holder: 'a', expiresAt: T + 15_000 });
      expect(await leases.acquire('deadlines', 'b', 15_000, T + 1_000)).toBe(false);
      // Still held at the very instant of expiry; free a millisecond later.
      expect(await leases.acquire('deadlines', 'b', 15_000, T + 15_000)).toBe(false);
      expect((await leases.holder('deadlines'))?.holder).toBe('a');
      expect(await leases.acquire('deadlines', 'b', 15_000, T + 15_001)).toBe(true);
      expect(await leases.holder('deadlines')).toEqual({ name: 'deadlines', holder: 'b', expiresAt: T + 30_001 });
      expect(await leases.acquire('deadlines', 'a', 15_000, T + 15_002)).toBe(false);
    });

    it('renews a lease for its holder, pushing its expiry', async () => {
      const leases = await connect();
      expect(await leases.acquire('outbox', 'a', 15_000, T)).toBe(true);
      expect(await leases.acquire('outbox', 'a', 15_000, T + 10_000)).toBe(true);
      expect((await leases.holder('outbox'))?.expiresAt).toBe(T + 25_000);
      expect(await leases.acquire('outbox', 'b', 15_000, T + 20_000)).toBe(false);
    });

    it('keeps names apart', async () => {
      const leases = await connect();
      expect(await leases.acquire('deadlines', 'a', 15_000, T)).toBe(true);
      expect(await leases.acquire('outbox', 'b', 15_000, T)).toBe(true);
      expect((await leases.holder('deadlines'))?.holder).toBe('a');
      expect((await leases.holder('outbox'))?.holder).toBe('b');
    });

    it('release frees the lease for its holder only', async () => {
      const leases = await connect();
      expect(await leases.acquire('outbox', 'a', 15_000, T)).toBe(true);
      await leases.release('outbox', 'b');
      expect((await leases.holder('outbox'))?.holder).toBe('a');
      await leases.release('outbox', 'a');
      expect(await leases.holder('outbox')).toBeUndefined();
      expect(await leases.acquire('outbox', 'b', 15_000, T + 1)).toBe(true);
      await leases.release('never-taken', 'a');
    });

    it('takes an unexpired lease over from the named dead holder only, and only while that one still holds it', async () => {
      const leases = await connect();
      expect(await leases.acquire('deadlines', 'dead', 15_000, T)).toBe(true);
      expect(await leases.acquire('deadlines', 'b', 15_000, T + 1, { replacing: 'someone-else' })).toBe(false);
      expect(await leases.acquire('deadlines', 'b', 15_000, T + 1, { replacing: 'dead' })).toBe(true);
      // Another instance that also saw `dead` holding it comes too late.
      expect(await leases.acquire('deadlines', 'c', 15_000, T + 2, { replacing: 'dead' })).toBe(false);
      expect((await leases.holder('deadlines'))?.holder).toBe('b');
    });

    it('gives a free or expired lease to exactly one of several instances racing for it', async () => {
      const instances = [await connect()];
      for (let i = 1; i < 4; i++) instances.push(await connect());
      const race = (at: number) => Promise.all(instances.map((leases, i) => leases.acquire('deadlines', `instance-${i}`, 1_000, at)));
      const first = await race(T);
      expect(first.filter(Boolean)).toHaveLength(1);
      const second = await race(T + 5_000);
      expect(second.filter(Boolean)).toHaveLength(1);
      expect((await instances[0]!.holder('deadlines'))?.holder).toBe(`instance-${second.indexOf(true)}`);
    });

    it('rejects a lease without a name or holder, or with a bad ttl or time, and stores nothing', async () => {
      const leases = await connect();
      for (const [name, holder, ttl, now] of [['', 'a', 1_000, T], ['x', '', 1_000, T], ['x', 'a', 0, T], ['x', 'a', 1.5, T], ['x', 'a', 1_000, Number.NaN]] as const) {
        await expect(leases.acquire(name, holder, ttl, now)).rejects.toBeInstanceOf(ParleyError);
      }
      expect(await leases.holder('x')).toBeUndefined();
    });
  });
}
