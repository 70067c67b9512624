import { describe, expect, it } from 'vitest';
import { receivedEntry, signTransportReceipt } from '../../federation/transport-receipt.ts';
import type { Message } from '../../hotline/message.ts';
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
  it('verifies a recipient\'s signed transport receipt against its party record and the rebuilt log entry', async () => {
    const a = testParty('CERT-A');
    const b = testParty('CERT-B');
    const db = openSqliteDatabase(':memory:');
    migrate(db, [logMigrations]);
    const log = new MerkleLog({ store: new SqliteLogStore(db), origin: b.party.id, keyId: b.signer.keyId, privateKey: b.signer.privateKey });
    // Only the fields the recipient's log entry is built from matter to the receipt.
    const message = { type: 'x-parley-message', id: 'x-parley-message--7d1f2a8e-2f4c-4c5e-9a51-0b1d2c3e4f50', modified: '2026-11-23T10:00:00.000Z',
      sender_ref: a.party.id, recipient_refs: [b.party.id] } as unknown as Message;
    for (let i = 0; i < 3; i++) await log.append({ kind: 'message-received', object_id: `x-parley-message--${i}`, object_modified: '2026-11-23T10:00:00.000Z', digest: objectDigest({ i }) });
    const receivedAt = '2026-11-23T10:00:01.000Z';
    const { index } = await log.append(receivedEntry(message, 3, receivedAt));
    await log.append({ kind: 'message-received', object_id: 'x-parley-message--4', object_modified: '2026-11-23T10:00:00.000Z', digest: objectDigest({ i: 4 }) });
    const proof = await log.receiptFor(index);
    const receipt = signTransportReceipt({
      type: 'x-parley-receipt', message_id: message.id, message_modified: message.modified, recipient_ref: b.party.id, received_at: receivedAt,
      leaf_index: proof.leaf_index, checkpoint: proof.checkpoint, inclusion_proof: proof.inclusion_proof, key_id: b.signer.keyId,
    }, b.signer.privateKey);
    expect(transportReceipt(receipt, message, b.party)).toMatchObject({ leaf_index: 3, inclusion_verified: true, received_at: receivedAt, checkpoint: { origin: b.party.id, tree_size: 5 } });
    expect(transportReceipt({ ...receipt, received_at: '2026-11-23T10:00:02.000Z' }, message, b.party)?.inclusion_verified).toBe(false);
    expect(transportReceipt(receipt, { ...message, modified: '2026-11-23T10:00:05.000Z' } as Message, b.party)?.inclusion_verified).toBe(false);
    expect(transportReceipt(receipt, message, testParty('CERT-B').party)?.inclusion_verified).toBe(false);
    expect(transportReceipt(receipt, message, undefined)?.inclusion_verified).toBe(false);
    expect(transportReceipt({ ...receipt, signature: 'not base64' }, message, b.party)?.inclusion_verified).toBe(false);
    expect(transportReceipt({ nothing: true }, message, b.party)).toBeNull();
    expect(transportReceipt(undefined, message, b.party)).toBeNull();
  });

  it('gives this node\'s own receipt for a logged entry', async () => {
    const { b, log, leaf, entry } = await recipientLog();
    expect(await ownReceipt(log, b.party, { entry, bytes: leaf.bytes })).toMatchObject({ leaf_index: 3, inclusion_verified: true });
  });
});
