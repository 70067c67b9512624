import { describe, expect, it } from 'vitest';
import type { Message } from '../hotline/message.ts';
import { testParty, type TestParty } from '../hotline/test-fixtures.ts';
import { objectDigest } from '../ledger/log-entry.ts';
import { MerkleLog } from '../ledger/merkle-log.ts';
import { openSqliteDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import { SqliteLogStore, logMigrations } from '../store/sqlite/sqlite-log-store.ts';
import { checkTransportReceipt, receivedEntry, signTransportReceipt, type TransportReceipt } from './transport-receipt.ts';

const RECEIVED_AT = '2026-11-23T10:00:01.000Z';

// A recipient log holding the message as leaf 2 of 4, and the receipt a node issues for it (no signature of its own).
async function issued(b: TestParty, message: Message): Promise<TransportReceipt> {
  const db = openSqliteDatabase(':memory:');
  migrate(db, [logMigrations]);
  const log = new MerkleLog({ store: new SqliteLogStore(db), origin: b.party.id, keyId: b.signer.keyId, privateKey: b.signer.privateKey });
  for (let i = 0; i < 2; i++) await log.append({ kind: 'message-received', object_id: `x-parley-message--${i}`, object_modified: '2026-11-23T10:00:00.000Z', digest: objectDigest({ i }) });
  const { index } = await log.append(receivedEntry(message, 2, RECEIVED_AT));
  await log.append({ kind: 'message-received', object_id: 'x-parley-message--3', object_modified: '2026-11-23T10:00:00.000Z', digest: objectDigest({ i: 3 }) });
  const proof = await log.receiptFor(index);
  return {
    type: 'x-parley-receipt', message_id: message.id, message_modified: message.modified, recipient_ref: b.party.id, received_at: RECEIVED_AT,
    leaf_index: proof.leaf_index, checkpoint: proof.checkpoint, inclusion_proof: proof.inclusion_proof,
  };
}

function messageFrom(a: TestParty, b: TestParty): Message {
  // Only the fields the recipient's log entry is built from matter to the receipt.
  return { type: 'x-parley-message', id: 'x-parley-message--7d1f2a8e-2f4c-4c5e-9a51-0b1d2c3e4f50', modified: '2026-11-23T10:00:00.000Z',
    sender_ref: a.party.id, recipient_refs: [b.party.id] } as unknown as Message;
}

describe('checkTransportReceipt', () => {
  it('accepts a receipt proved by the recipient\'s signed checkpoint and the inclusion of the rebuilt entry alone', async () => {
    const a = testParty('CERT-A');
    const b = testParty('CERT-B');
    const message = messageFrom(a, b);
    const receipt = await issued(b, message);
    expect(receipt).not.toHaveProperty('signature');
    expect(checkTransportReceipt(receipt, message, b.party)).toBeNull();
  });

  it('refuses every field the checkpoint does not prove: time, index, message, recipient, checkpoint', async () => {
    const a = testParty('CERT-A');
    const b = testParty('CERT-B');
    const message = messageFrom(a, b);
    const receipt = await issued(b, message);
    expect(checkTransportReceipt({ ...receipt, received_at: '2026-11-23T10:00:02.000Z' }, message, b.party)).toBe('checkpoint not-included');
    expect(checkTransportReceipt({ ...receipt, leaf_index: 1 }, message, b.party)).toBe('checkpoint not-included');
    const other = { ...message, sender_ref: testParty('CERT-C').party.id } as Message;
    expect(checkTransportReceipt(receipt, other, b.party)).toBe('checkpoint not-included');
    expect(checkTransportReceipt(receipt, { ...message, modified: '2026-11-23T10:00:05.000Z' } as Message, b.party)).toBe('names another message');
    expect(checkTransportReceipt(receipt, message, testParty('CERT-B').party)).toBe('not from the recipient');
    expect(checkTransportReceipt({ ...receipt, checkpoint: { ...receipt.checkpoint, tree_size: 3 } }, message, b.party)).toBe('checkpoint bad-signature');
    expect(checkTransportReceipt({ ...receipt, checkpoint: { ...receipt.checkpoint, timestamp: 'yesterday' } }, message, b.party)).toBe('checkpoint is malformed');
  });

  it('refuses a checkpoint signed with a key the recipient\'s record does not hold valid at the checkpoint\'s time', async () => {
    const a = testParty('CERT-A');
    const expired = testParty('CERT-B', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z');
    const message = messageFrom(a, expired);
    const receipt = await issued(expired, message);
    expect(checkTransportReceipt(receipt, message, expired.party)).toBe(`checkpoint key ${expired.signer.keyId} not valid (expired)`);
  });

  it('checks the signature of a receipt from a node before 0.2, and refuses a bad one', async () => {
    const a = testParty('CERT-A');
    const b = testParty('CERT-B');
    const message = messageFrom(a, b);
    const legacy = signTransportReceipt({ ...(await issued(b, message)), key_id: b.signer.keyId }, b.signer.privateKey);
    expect(checkTransportReceipt(legacy, message, b.party)).toBeNull();
    const { signature: _genuine, ...body } = legacy;
    const forged = { ...legacy, signature: signTransportReceipt({ ...body, key_id: b.signer.keyId }, testParty('CERT-X').signer.privateKey).signature };
    expect(checkTransportReceipt(forged, message, b.party)).toBe('receipt signature does not verify');
    expect(checkTransportReceipt({ ...legacy, key_id: 'nobody' }, message, b.party)).toBe('receipt key nobody not valid (unknown-key)');
    const { key_id: _dropped, ...halfSigned } = legacy;
    expect(checkTransportReceipt(halfSigned, message, b.party)).toBe('receipt signature is malformed');
  });
});
