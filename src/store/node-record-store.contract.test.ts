import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/postgres-database.ts';
import type { TransportReceipt } from '../federation/delivery-transport.ts';
import type { NodeRecordStore } from './node-record-store.ts';
import { openPostgresStore } from './postgres/postgres-store.ts';
import { openSqliteDatabase } from './sqlite/database.ts';
import { migrate } from './sqlite/migrate.ts';
import { nodeMigrations, SqliteNodeRecords } from './sqlite/sqlite-node-records.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every NodeRecordStore backend; the same contract runs over each. */
const BACKENDS: readonly { name: string; open(): Promise<NodeRecordStore> }[] = [{
  name: 'sqlite',
  async open() {
    const db = openSqliteDatabase(':memory:');
    migrate(db, [nodeMigrations]);
    cleanups.push(async () => void db.close());
    return new SqliteNodeRecords(db);
  },
}, {
  name: 'postgres',
  async open() {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const store = await openPostgresStore(database.url, { maxConnections: 2 });
    cleanups.push(() => store.close());
    return store.records;
  },
}];

const receipt = (messageId: string, recipient: string, note = 'r') =>
  ({ type: 'x-parley-receipt', message_id: messageId, message_modified: '2026-03-01T10:00:00.000Z', recipient_ref: recipient, note }) as unknown as TransportReceipt;
const indicator = (n: number) => ({ type: 'indicator', id: `indicator--00000000-0000-4000-8000-00000000000${n}`, name: `i${n}` });

for (const backend of BACKENDS) {
  describe(`${backend.name}: node records`, () => {
    it('keeps node state and counterpart credentials, replacing on write', async () => {
      const records = await backend.open();
      expect(await records.getState('url')).toBeUndefined();
      await records.setState('url', 'http://127.0.0.1:1');
      await records.setState('url', 'http://127.0.0.1:2');
      expect(await records.getState('url')).toBe('http://127.0.0.1:2');
      await records.putCredentials({ partyId: 'identity--b', username: 'a', password: 'one' });
      await records.putCredentials({ partyId: 'identity--b', username: 'a2', password: 'two' });
      expect(await records.getCredentials('identity--b')).toEqual({ partyId: 'identity--b', username: 'a2', password: 'two' });
      expect(await records.getCredentials('identity--c')).toBeUndefined();
    });

    it('keeps evidence per message once and finds the messages carrying an object', async () => {
      const records = await backend.open();
      await records.putEvidence('m1', [indicator(2), indicator(1)]);
      await records.putEvidence('m1', [indicator(1)]);
      await records.putEvidence('m2', [indicator(1)]);
      await records.putEvidence('m3', []);
      expect(await records.evidenceOf('m1')).toEqual([indicator(1), indicator(2)]);
      expect((await records.messagesCarrying(indicator(1).id)).sort()).toEqual(['m1', 'm2']);
      expect(await records.evidenceOf('m3')).toEqual([]);
    });

    it('keeps issued receipts once, held receipts in arrival order, and delivery outcomes', async () => {
      const records = await backend.open();
      await records.putIssuedReceipt(receipt('m1', 'b'), 'sig');
      await expect(records.putIssuedReceipt(receipt('m1', 'b'), 'sig2')).rejects.toThrow();
      expect(await records.issuedReceipt('m1', '2026-03-01T10:00:00.000Z')).toEqual({ signature: 'sig', receipt: receipt('m1', 'b') });
      await records.putHeldReceipt(receipt('m2', 'c'));
      await records.putHeldReceipt(receipt('m1', 'c'));
      await records.putHeldReceipt(receipt('m2', 'c', 'again'));
      expect((await records.heldReceipts()).map((r) => r.message_id)).toEqual(['m2', 'm1']);
      expect(await records.heldReceipt('m2', 'c')).toEqual(receipt('m2', 'c', 'again'));
      await records.putDelivery({ messageId: 'm1', recipient: 'b', outcome: 'failed', reason: 'HTTP 500', at: '2026-03-01T10:00:00.000Z' });
      await records.putDelivery({ messageId: 'm1', recipient: 'b', outcome: 'delivered', at: '2026-03-01T10:00:05.000Z' });
      expect(await records.delivery('m1', 'b')).toEqual({ messageId: 'm1', recipient: 'b', outcome: 'delivered', at: '2026-03-01T10:00:05.000Z' });
    });
  });
}
