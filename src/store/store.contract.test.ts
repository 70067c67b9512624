import { afterEach, describe, expect, it } from 'vitest';
import { STORE_BACKENDS, type BackendLocation } from '../../test/support/store-backends.ts';
import { ParleyError } from '../errors.ts';
import type { StixObject } from './object-store.ts';
import { prepareObject } from './prepared-object.ts';
import type { Store } from './store.ts';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const indicator = (n: number, modified = '2024-01-01T00:00:00.000Z'): StixObject => ({
  type: 'indicator', spec_version: '2.1', id: `indicator--${uuid(n)}`, created: '2024-01-01T00:00:00.000Z', modified,
  pattern: "[ipv4-addr:value = '10.0.0.1']", pattern_type: 'stix', valid_from: '2024-01-01T00:00:00Z',
});
const all = { last: false, first: false, all: true, at: [] };

for (const backend of STORE_BACKENDS) {
  describe(`${backend.name}: object store`, () => {
    let location: BackendLocation | undefined;
    const stores: Store[] = [];
    /** Opens a store on this test's location (a new, empty one on the first call; another instance after). */
    const open = async () => {
      location ??= await backend.create();
      const store = await location.open();
      stores.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
      await location?.dispose();
      location = undefined;
    });

    it('assigns strictly increasing date_added and keeps every version once', async () => {
      const store = await open();
      const { id } = await store.collections.addCollection({ title: 'c' });
      const out = await store.objects.put(id, [indicator(1), indicator(2), indicator(1, '2024-02-01T00:00:00.000Z'), indicator(1)]);
      expect(out.map((o) => o.added)).toEqual([true, true, true, false]);
      expect(out[3].dateAdded).toBe(out[0].dateAdded);
      expect(out[1].dateAdded).toBeGreaterThan(out[0].dateAdded);
      expect(out[2].dateAdded).toBeGreaterThan(out[1].dateAdded);
      expect(await store.objects.count(id)).toBe(3);
    });

    it('keeps each object\'s spec_version, on the path for new ids and the one for later versions', async () => {
      const store = await open();
      const { id } = await store.collections.addCollection({ title: 'c' });
      const older = (n: number, modified?: string) => ({ ...indicator(n, modified), spec_version: '2.0' });
      await store.objects.put(id, [older(1), indicator(2), older(2, '2024-02-01T00:00:00.000Z'), indicator(3)]);
      const page = async (specVersions: string[]) =>
        (await store.objects.query({ collection: id, limit: 10, versions: all, specVersions })).objects.map((o) => `${o.id.slice(-1)}@${o.version.slice(5, 7)}`);
      expect(await page(['2.0'])).toEqual(['1@01', '2@02']);
      expect(await page(['2.1'])).toEqual(['2@01', '3@01']);
    });

    it('flags first and latest versions, whatever order versions arrive in', async () => {
      const store = await open();
      const { id } = await store.collections.addCollection({ title: 'c' });
      await store.objects.put(id, [indicator(1, '2024-03-01T00:00:00Z'), indicator(1, '2024-01-01T00:00:00Z'), indicator(1, '2024-02-01T00:00:00Z')]);
      const last = await store.objects.query({ collection: id, limit: 10 });
      expect(last.objects.map((o) => o.version)).toEqual(['2024-03-01T00:00:00Z']);
      const first = await store.objects.query({ collection: id, limit: 10, versions: { ...all, all: false, first: true } });
      expect(first.objects.map((o) => o.version)).toEqual(['2024-01-01T00:00:00Z']);
      const at = await store.objects.query({ collection: id, limit: 10, versions: { ...all, all: false, at: ['2024-02-01T00:00:00.000Z'] } });
      expect(at.objects.map((o) => o.version)).toEqual(['2024-02-01T00:00:00Z']);
      expect(await store.objects.delete(id, `indicator--${uuid(1)}`, { ...all, all: false, last: true })).toBe(1);
      const after = await store.objects.query({ collection: id, limit: 10 });
      expect(after.objects.map((o) => o.version)).toEqual(['2024-02-01T00:00:00Z']);
    });

    it('stores a large put (1,200 objects) with the same outcomes as small ones, versions of one id far apart included', async () => {
      const store = await open();
      const { id } = await store.collections.addCollection({ title: 'c' });
      const objects = Array.from({ length: 1200 }, (_, n) => indicator(n + 10));
      // One id three times, hundreds of objects apart: a newer version, an older one, then the newer one again.
      objects[100] = indicator(1, '2024-02-01T00:00:00.000Z');
      objects[700] = indicator(1, '2024-01-01T00:00:00.000Z');
      objects[1100] = indicator(1, '2024-02-01T00:00:00.000Z');
      const out = await store.objects.put(id, objects);
      expect(out).toHaveLength(1200);
      expect(out.filter((o) => !o.added).map((o) => out.indexOf(o))).toEqual([1100]);
      expect(out[1100].dateAdded).toBe(out[100].dateAdded);
      for (let n = 1; n < 1200; n++) if (out[n].added && out[n - 1].added) expect(out[n].dateAdded).toBeGreaterThan(out[n - 1].dateAdded);
      expect(await store.objects.count(id)).toBe(1199);
      const latest = await store.objects.query({ collection: id, limit: 10, ids: [`indicator--${uuid(1)}`] });
      expect(latest.objects.map((o) => o.version)).toEqual(['2024-02-01T00:00:00.000Z']);
      const first = await store.objects.query({ collection: id, limit: 10, ids: [`indicator--${uuid(1)}`], versions: { ...all, all: false, first: true } });
      expect(first.objects.map((o) => o.version)).toEqual(['2024-01-01T00:00:00.000Z']);
    });

    it('versions objects without modified/created by date_added, skipping unchanged re-posts', async () => {
      const store = await open();
      const { id } = await store.collections.addCollection({ title: 'c' });
      const ip = { type: 'ipv4-addr', id: `ipv4-addr--${uuid(9)}`, value: '10.0.0.1' };
      const [a] = await store.objects.put(id, [ip]);
      const [b] = await store.objects.put(id, [ip]);
      const [c] = await store.objects.put(id, [{ ...ip, value: '10.0.0.2' }]);
      expect([a.added, b.added, c.added]).toEqual([true, false, true]);
      expect(await store.objects.count(id)).toBe(2);
    });

    it('stores JSON given as UTF-8 bytes as the text it encodes (non-ASCII included), comparing re-posts by that text', async () => {
      const store = await open();
      const { id } = await store.collections.addCollection({ title: 'c' });
      const note = { ...indicator(20), name: 'Zürich 東京 🙂' };
      const ip = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${uuid(21)}`, value: '10.0.0.9' };
      const bytes = (o: StixObject) => { const p = prepareObject(o); return { ...p, json: new Uint8Array(Buffer.from(p.json as string)) }; };
      const out = await store.objects.putPrepared(id, [bytes(note), bytes(ip)]);
      expect(out.map((o) => o.added)).toEqual([true, true]);
      // The same observable again, as bytes and as text: unchanged, so no new version either way.
      const again = await store.objects.putPrepared(id, [bytes(ip), prepareObject(ip)]);
      expect(again.map((o) => o.added)).toEqual([false, false]);
      const page = await store.objects.query({ collection: id, limit: 10 });
      expect(page.objects.map((o) => o.json)).toEqual([JSON.stringify(note), JSON.stringify(ip)]);
      expect(page.objects.every((o) => typeof o.json === 'string')).toBe(true);
      expect((await store.objects.queryText({ collection: id, limit: 10 })).json).toBe(`${JSON.stringify(note)},${JSON.stringify(ip)}`);
    });

    it('pages with a stateless cursor that refuses other filters or tampering', async () => {
      const store = await open();
      const { id } = await store.collections.addCollection({ title: 'c' });
      await store.objects.put(id, Array.from({ length: 25 }, (_, i) => indicator(i + 1)));
      const seen: string[] = [];
      let next: string | undefined;
      let pages = 0;
      do {
        const page = await store.objects.query({ collection: id, limit: 10, next });
        seen.push(...page.objects.map((o) => o.id));
        next = page.next;
        expect(page.more).toBe(next !== undefined);
      } while (next && ++pages < 10);
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
      const first = await store.objects.query({ collection: id, limit: 10 });
      await expect(store.objects.query({ collection: id, limit: 10, types: ['malware'], next: first.next })).rejects.toThrow(ParleyError);
      await expect(store.objects.query({ collection: id, limit: 10, next: `${first.next}x` })).rejects.toThrow(ParleyError);
    });

    it('queryText returns the same pages as query, as joined JSON text with date_added bounds and the same cursors', async () => {
      const store = await open();
      const { id } = await store.collections.addCollection({ title: 'c' });
      await store.objects.put(id, Array.from({ length: 25 }, (_, i) => indicator(i + 1)));
      await store.objects.put(id, [indicator(3, '2024-02-01T00:00:00.000Z'), { type: 'malware', spec_version: '2.1', id: `malware--${uuid(1)}`, created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: 'm', is_family: false }]);
      const filters = [{}, { types: ['indicator'] }, { versions: all }, { types: ['malware'] }, { ids: [`indicator--${uuid(3)}`], versions: all }];
      for (const filter of filters) {
        let next: string | undefined;
        let textNext: string | undefined;
        let pages = 0;
        do {
          const page = await store.objects.query({ collection: id, limit: 10, ...filter, next });
          const text = await store.objects.queryText({ collection: id, limit: 10, ...filter, next: textNext });
          expect(text.count).toBe(page.objects.length);
          expect(text.json).toBe(page.objects.map((o) => o.json).join(','));
          expect(JSON.parse(`[${text.json}]`)).toEqual(page.objects.map((o) => JSON.parse(o.json)));
          expect(text.firstAdded).toBe(page.objects[0]?.dateAdded);
          expect(text.lastAdded).toBe(page.objects.at(-1)?.dateAdded);
          expect(text.more).toBe(page.more);
          expect(text.next).toBe(page.next);
          next = page.next;
          textNext = text.next;
        } while (next && ++pages < 10);
      }
      const empty = await store.objects.queryText({ collection: id, limit: 10, types: ['tool'] });
      expect(empty).toEqual({ json: '', count: 0, more: false });
      const first = await store.objects.queryText({ collection: id, limit: 10 });
      await expect(store.objects.queryText({ collection: id, limit: 10, types: ['malware'], next: first.next })).rejects.toThrow(ParleyError);
      await expect(store.objects.queryText({ collection: 'no-such', limit: 10 })).rejects.toThrow(ParleyError);
    });

    it('saves a status and returns the JSON text it stored, which get gives back', async () => {
      const store = await open();
      const status = {
        id: '00000000-0000-4000-8000-0000000000aa', status: 'complete' as const, request_timestamp: '2024-01-01T00:00:00.000Z', total_count: 2,
        success_count: 1, successes: [{ id: `indicator--${uuid(1)}`, version: '2024-01-01T00:00:00.000Z' }], failure_count: 1,
        failures: [{ id: 'x', version: '', message: '$: bad' }], pending_count: 0, pendings: [],
      };
      const text = await store.statuses.save('parley', 'ops', status);
      expect(JSON.parse(text)).toEqual(status);
      expect(await store.statuses.get('parley', status.id)).toEqual({ account: 'ops', status: JSON.parse(text) });
      expect(await store.statuses.get('parley', '00000000-0000-4000-8000-0000000000ab')).toBeUndefined();
      // A body already serialised (UTF-8) is stored as text, the same as save's.
      const other = { ...status, id: '00000000-0000-4000-8000-0000000000ac', failures: [{ id: 'y', version: '', message: 'Zürich — 東京' }] };
      await store.statuses.saveBody('parley', 'ro', other.id, new TextEncoder().encode(JSON.stringify(other)));
      expect(await store.statuses.get('parley', other.id)).toEqual({ account: 'ro', status: other });
    });

    it('rolls back a transaction that fails and serialises other work around it', async () => {
      const store = await open();
      const { id } = await store.collections.addCollection({ title: 'c' });
      await expect(store.transaction(async () => {
        await store.objects.put(id, [indicator(1)]);
        throw new Error('boom');
      })).rejects.toThrow('boom');
      expect(await store.objects.count(id)).toBe(0);
      let release!: () => void;
      let holding!: () => void;
      const inside = new Promise<void>((r) => (holding = r));
      const held = store.transaction(async () => {
        await store.objects.put(id, [indicator(2)]);
        await new Promise<void>((r) => {
          release = r;
          holding();
        });
      });
      const outside = store.objects.put(id, [indicator(3)]);
      // Released only once the transaction holds the store (its first write may take a while on a loaded machine),
      // after the outside write had a moment to try to get in.
      await inside;
      await new Promise((r) => setTimeout(r, 20));
      release();
      await Promise.all([held, outside]);
      expect(await store.objects.count(id)).toBe(2);
    });

    it('keeps accounts, hashed secrets and rights', async () => {
      const store = await open();
      const { id } = await store.collections.addCollection({ title: 'c' });
      await store.accounts.add('bob', 's3cret', [{ collection: id, canRead: true, canWrite: false }]);
      expect(await store.accounts.verifyPassword('bob', 's3cret')).toBe('bob');
      expect(await store.accounts.verifyPassword('bob', 'wrong')).toBeUndefined();
      const token = await store.accounts.createToken('bob');
      expect(await store.accounts.verifyToken(token)).toBe('bob');
      expect((await store.accounts.get('bob'))?.rights).toEqual([{ collection: id, canRead: true, canWrite: false }]);
      await expect(store.accounts.add('bob', 'x', [])).rejects.toThrow(ParleyError);
      expect(await store.accounts.remove('bob')).toBe(true);
      expect(await store.accounts.verifyToken(token)).toBeUndefined();
    });

    it('keeps date_added unique and increasing across two instances writing at once', async () => {
      const store = await open();
      const { id } = await store.collections.addCollection({ title: 'c' });
      const second = await open();
      const writes = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : second).objects.put(id, [indicator(1000 + i * 2), indicator(1001 + i * 2)]));
      const dates = (await Promise.all(writes)).flat().map((o) => o.dateAdded);
      expect(new Set(dates).size).toBe(40);
      const page = await store.objects.query({ collection: id, limit: 100 });
      const ordered = page.objects.map((o) => o.dateAdded);
      expect(ordered).toEqual([...dates].sort((a, b) => a - b));
    });

    it('lets a reader paging by added_after see every object once while two instances ingest', async () => {
      const first = await open();
      const { id } = await first.collections.addCollection({ title: 'c' });
      const second = await open();
      const reader = await open();
      const BATCHES = 30;
      let writing = true;
      const ingest = (store: Store, base: number) => (async () => {
        for (let b = 0; b < BATCHES; b++) await store.objects.put(id, Array.from({ length: 5 }, (_, i) => indicator(base + b * 5 + i)));
      })();
      const writers = Promise.all([ingest(first, 10_000), ingest(second, 20_000)]).finally(() => (writing = false));
      const seen: { id: string; dateAdded: number }[] = [];
      let after = 0;
      // Pages until the writers are done and a page after that comes back empty; bounded in rounds.
      for (let round = 0; round < 10_000; round++) {
        const done = !writing;
        const page = await reader.objects.query({ collection: id, addedAfter: after, limit: 7, versions: all });
        seen.push(...page.objects.map((o) => ({ id: o.id, dateAdded: o.dateAdded })));
        if (page.objects.length > 0) after = page.objects[page.objects.length - 1].dateAdded;
        else if (done) break;
      }
      await writers;
      expect(new Set(seen.map((o) => o.id)).size).toBe(seen.length);
      expect(seen).toHaveLength(2 * BATCHES * 5);
      const dates = seen.map((o) => o.dateAdded);
      expect(dates).toEqual([...dates].sort((a, b) => a - b));
      const everything = await reader.objects.query({ collection: id, limit: 1000, versions: all });
      expect(everything.objects.map((o) => o.id)).toEqual(seen.map((o) => o.id));
    });

    it('refuses unknown collections and duplicate ids', async () => {
      const store = await open();
      await expect(store.objects.put('nope', [indicator(1)])).rejects.toThrow(/does not exist/);
      await store.collections.addCollection({ title: 'c', id: 'fixed' });
      await expect(store.collections.addCollection({ title: 'c', id: 'fixed' })).rejects.toThrow(/already exists/);
    });
  });
}
