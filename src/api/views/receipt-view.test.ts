import { describe, expect, it } from 'vitest';
import { testParty } from '../../hotline/test-fixtures.ts';
import { decodeLogEntry, objectDigest } from '../../ledger/log-entry.ts';
import { MerkleLog } from '../../ledger/merkle-log.ts';
import { openSqliteDatabase } from '../../store/sqlite/database.ts';
import { migrate } from '../../store/sqlite/migrate.ts';
import { SqliteLogStore, logMigrations } from '../../store/sqlite/sqlite-log-store.ts';
import { ownReceipt, transportReceipt } from './receipt-view.ts';

async function recipientLog() {
  const b = testParty('CERT-B');
  const db = openSqliteDatabase(':memory:');
  migrate(db, [logMigrations]);
  const store = new SqliteLogStore(db);
  const log = new MerkleLog({ store, origin: b.party.id, keyId: b.signer.keyId, privateKey: b.signer.privateKey });
  for (let i = 0; i < 5; i++) await log.append({ kind: 'message-received', object_id: `x-parley-message--${i}`, object_modified: '2026-11-23T10:00:00.000Z', digest: objectDigest({ i }) });
  const [leaf] = await store.entries(3, 4);
  const decoded = decodeLogEntry(leaf.bytes);
  if (!('entry' in decoded)) throw new Error(decoded.problem);
  return { b, log, leaf, entry: decoded.entry };
}

describe('receipts in MessageView', () => {
  it('verifies a recipient\'s transport receipt against its party key and its log entry', async () => {
    const { b, log, entry } = await recipientLog();
    const receipt = await log.receiptFor(3);
    const view = transportReceipt({ receipt, entry, received_at: entry.logged_at }, b.party);
    expect(view).toMatchObject({ leaf_index: 3, inclusion_verified: true, received_at: entry.logged_at, checkpoint: { origin: b.party.id, tree_size: 5 } });
    expect(transportReceipt({ ...receipt, leaf: Buffer.from(JSON.stringify(entry, null, 1)).toString('base64') }, b.party)?.inclusion_verified).toBe(false);
    expect(transportReceipt({ receipt, entry: { ...entry, object_id: 'x-parley-message--9' } }, b.party)?.inclusion_verified).toBe(false);
    expect(transportReceipt({ receipt, entry }, testParty('CERT-B').party)?.inclusion_verified).toBe(false);
    expect(transportReceipt({ nothing: true }, b.party)).toBeNull();
    expect(transportReceipt(undefined, b.party)).toBeNull();
  });

  it('gives this node\'s own receipt for a logged entry', async () => {
    const { b, log, leaf, entry } = await recipientLog();
    expect(await ownReceipt(log, b.party, { entry, bytes: leaf.bytes })).toMatchObject({ leaf_index: 3, inclusion_verified: true });
  });
});
