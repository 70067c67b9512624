import { describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.ts';
import { openSqliteDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import { SqliteLogStore, logMigrations } from '../store/sqlite/sqlite-log-store.ts';
import { verifyCheckpoint } from './checkpoint.ts';
import { encodeLogEntry, objectDigest, type LogEntryDraft } from './log-entry.ts';
import { MerkleLog } from './merkle-log.ts';
import { consistencyProof, inclusionProof, leafHash, rootFromLeafHashes, verifyConsistency, verifyInclusion } from './merkle.ts';
import { verifyReceipt } from './receipt.ts';
import { generateSigningKeyPair, privateKeyFromPem, publicKeyFromBase64url } from './sign.ts';

function openLog() {
  const db = openSqliteDatabase(':memory:');
  migrate(db, [logMigrations]);
  const store = new SqliteLogStore(db);
  const pair = generateSigningKeyPair();
  const publicKey = publicKeyFromBase64url(pair.publicKey);
  const log = new MerkleLog({
    store, origin: 'identity--7c2a4d6e-1f0b-4c3a-9e8d-5b6a7c8d9e0f', keyId: 'key-1',
    privateKey: privateKeyFromPem(pair.privateKeyPem), now: () => new Date('2026-11-23T10:00:00Z'),
  });
  return { db, store, log, publicKey };
}

const draft = (i: number): LogEntryDraft => ({
  kind: i % 2 === 0 ? 'message-sent' : 'message-received',
  object_id: `note--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  object_modified: '2026-11-23T09:00:00.000Z',
  digest: objectDigest({ n: i }),
  logged_at: '2026-11-23T10:00:00.000Z',
  detail: { peer: 'identity--peer' },
});

describe('MerkleLog', () => {
  it('keeps the RFC 9162 root, inclusion and consistency proofs of an in-memory tree of the same leaves', async () => {
    const { log } = openLog();
    const leaves: Buffer[] = [];
    for (let i = 0; i < 70; i++) {
      const entry = await log.append(draft(i));
      expect(entry.index).toBe(i);
      leaves.push(encodeLogEntry(entry));
    }
    const hashes = leaves.map(leafHash);
    for (const n of [1, 2, 3, 31, 32, 33, 64, 70]) {
      expect((await log.root(n)).equals(rootFromLeafHashes(hashes.slice(0, n)))).toBe(true);
      for (const m of [0, Math.floor(n / 2), n - 1]) {
        expect(await log.inclusionProof(m, n)).toEqual(inclusionProof(m, hashes.slice(0, n)));
        expect(await log.consistencyProof(m, n)).toEqual(consistencyProof(m, hashes.slice(0, n)));
      }
    }
    // A batch of neighbouring leaves (shared subtrees read once) gets the same proofs as one at a time.
    const batch = [40, 41, 42, 43, 63, 64, 69, 41];
    expect(await log.inclusionProofs(batch, 70)).toEqual(batch.map((m) => inclusionProof(m, hashes)));
    const proof = await log.consistencyProof(17, 70);
    expect(verifyConsistency(17, 70, await log.root(17), await log.root(70), proof)).toBe(true);
    expect(verifyInclusion(40, 70, hashes[40], await log.inclusionProof(40, 70), await log.root())).toBe(true);
  });

  it('rejects proofs for sizes or indexes outside the log', async () => {
    const { log } = openLog();
    await log.appendAll([draft(0), draft(1)]);
    await expect(log.inclusionProof(2, 2)).rejects.toSatisfy((e) => isParleyError(e, 'BAD_REQUEST'));
    await expect(log.inclusionProof(0, 3)).rejects.toSatisfy((e) => isParleyError(e, 'BAD_REQUEST'));
    await expect(log.inclusionProofs([0, 2], 2)).rejects.toSatisfy((e) => isParleyError(e, 'BAD_REQUEST'));
    await expect(log.consistencyProof(2, 1)).rejects.toSatisfy((e) => isParleyError(e, 'BAD_REQUEST'));
    await expect(log.receiptFor(5)).rejects.toSatisfy((e) => isParleyError(e, 'NOT_FOUND'));
    await expect(log.append({ ...draft(3), digest: 'nothex' })).rejects.toThrow(/digest/);
    expect(await log.size()).toBe(2);
  });

  it('signs checkpoints that verify with the key and fail with another key or a changed field', async () => {
    const { log, store, publicKey } = openLog();
    await log.appendAll([draft(0), draft(1), draft(2)]);
    const cp = await log.checkpoint();
    expect(cp.tree_size).toBe(3);
    expect(Buffer.from(cp.root_hash, 'base64').equals(await log.root(3))).toBe(true);
    expect((await store.latestCheckpoint())?.checkpoint).toEqual(cp);
    expect(verifyCheckpoint(cp, (id) => (id === 'key-1' ? publicKey : undefined))).toEqual({ ok: true });
    expect(verifyCheckpoint({ ...cp, tree_size: 2 }, () => publicKey)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyCheckpoint({ ...cp, key_id: 'key-2' }, () => undefined)).toEqual({ ok: false, reason: 'unknown-key' });
    const other = publicKeyFromBase64url(generateSigningKeyPair().publicKey);
    expect(verifyCheckpoint(cp, () => other)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyCheckpoint({ ...cp, root_hash: 'xyz' }, () => publicKey)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('gives receipts a third party verifies, and rejects them for other leaves, keys or tampered proofs', async () => {
    const { log, publicKey } = openLog();
    const entries = await log.appendAll(Array.from({ length: 11 }, (_, i) => draft(i)));
    await log.checkpoint();
    const receipt = await log.receiptFor(6);
    expect(receipt.checkpoint.tree_size).toBe(11);
    expect(verifyReceipt(receipt, encodeLogEntry(entries[6]), publicKey)).toEqual({ ok: true });
    expect(verifyReceipt(receipt, encodeLogEntry(entries[5]), publicKey)).toEqual({ ok: false, reason: 'not-included' });
    expect(verifyReceipt({ ...receipt, leaf_index: 7 }, encodeLogEntry(entries[6]), publicKey).ok).toBe(false);
    const flipped = [...receipt.inclusion_proof];
    flipped[0] = Buffer.from(Buffer.from(flipped[0], 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64');
    expect(verifyReceipt({ ...receipt, inclusion_proof: flipped }, encodeLogEntry(entries[6]), publicKey).ok).toBe(false);
    const other = publicKeyFromBase64url(generateSigningKeyPair().publicKey);
    expect(verifyReceipt(receipt, encodeLogEntry(entries[6]), other)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyReceipt({ ...receipt, inclusion_proof: ['nope'] }, encodeLogEntry(entries[6]), publicKey))
      .toEqual({ ok: false, reason: 'malformed' });
    // An entry appended after the last checkpoint gets a fresh checkpoint that covers it.
    const late = await log.append(draft(11));
    const lateReceipt = await log.receiptFor(late.index);
    expect(lateReceipt.checkpoint.tree_size).toBe(12);
    expect(verifyReceipt(lateReceipt, encodeLogEntry(late), publicKey)).toEqual({ ok: true });
  });
});
