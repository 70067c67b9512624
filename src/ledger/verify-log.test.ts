import { beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SqliteDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import { SqliteLogStore, logMigrations } from '../store/sqlite/sqlite-log-store.ts';
import { canonicalBytes } from './canonical-json.ts';
import type { PublicKeyLookup } from './checkpoint.ts';
import { objectDigest } from './log-entry.ts';
import { formatLogReport } from './log-report.ts';
import { MerkleLog } from './merkle-log.ts';
import { leafHash, rootFromLeafHashes } from './merkle.ts';
import { generateSigningKeyPair, privateKeyFromPem, publicKeyFromBase64url } from './sign.ts';
import { subtreesClosedBy } from './tree-recompute.ts';
import { verifyLog } from './verify-log.ts';

let db: SqliteDatabase;
let store: SqliteLogStore;
let keys: PublicKeyLookup;

// A log of 20 entries with checkpoints 1, 2, 3 at sizes 8, 16 and 20.
beforeEach(async () => {
  db = openSqliteDatabase(':memory:');
  migrate(db, [logMigrations]);
  store = new SqliteLogStore(db);
  const pair = generateSigningKeyPair();
  const publicKey = publicKeyFromBase64url(pair.publicKey);
  keys = (id) => (id === 'key-1' ? publicKey : undefined);
  const log = new MerkleLog({ store, origin: 'identity--a', keyId: 'key-1', privateKey: privateKeyFromPem(pair.privateKeyPem) });
  for (let i = 0; i < 20; i++) {
    await log.append({
      kind: 'message-sent', object_id: `note--${i}`, object_modified: '2026-11-23T09:00:00Z', digest: objectDigest({ i }),
    });
    if (i === 7 || i === 15 || i === 19) await log.checkpoint();
  }
});

const leafOf = (index: number): Buffer =>
  (db.prepare('SELECT leaf FROM ledger_entries WHERE idx = ?').get(index) as { leaf: Buffer }).leaf;
const setLeaf = (index: number, leaf: Buffer): void => {
  db.prepare('UPDATE ledger_entries SET leaf = ? WHERE idx = ?').run(leaf, index);
};
const edited = (index: number): Buffer => {
  const entry = JSON.parse(leafOf(index).toString()) as Record<string, unknown>;
  return canonicalBytes({ ...entry, object_id: 'note--forged' });
};
// What an attacker with write access does to hide an edit: recompute every stored subtree hash from the rows.
const rewriteAllNodes = (): void => {
  const hashes = (db.prepare('SELECT leaf FROM ledger_entries ORDER BY idx').all() as { leaf: Buffer }[]).map((r) => leafHash(r.leaf));
  db.exec('DELETE FROM ledger_nodes');
  const insert = db.prepare('INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)');
  hashes.forEach((_, p) => {
    for (const k of subtreesClosedBy(p)) {
      insert.run(k.level, k.index, rootFromLeafHashes(hashes, k.index * 2 ** k.level, (k.index + 1) * 2 ** k.level));
    }
  });
};

describe('verifyLog', () => {
  it('passes an untouched log', async () => {
    const report = await verifyLog(store, { publicKeyFor: keys });
    expect(report).toEqual({ ok: true, size: 20, checkpoints: 3, findings: [] });
    expect(formatLogReport(report)).toEqual(['PASS ledger: 20 entries, 3 checkpoints verified']);
  });

  it('names the changed entry and the checkpoints that no longer match when a leaf is UPDATEd', async () => {
    setLeaf(12, edited(12));
    const report = await verifyLog(store, { publicKeyFor: keys });
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      { kind: 'checkpoint-root-mismatch', checkpoint: 2, treeSize: 16, from: 8 },
      { kind: 'checkpoint-root-mismatch', checkpoint: 3, treeSize: 20, from: 8 },
      { kind: 'entry-changed', index: 12, evidence: 'leaf hash differs from the one stored when it was appended' },
    ]);
    expect(formatLogReport(report)).toEqual([
      'FAIL ledger: 3 findings in 20 entries, 3 checkpoints',
      '  checkpoint 2 (size 16): root mismatch; the change lies in entries 8..15',
      '  checkpoint 3 (size 20): root mismatch; the change lies in entries 8..19',
      '  entry 12 changed: leaf hash differs from the one stored when it was appended',
    ]);
  });

  it('narrows the change to a subtree when the stored leaf hash was rewritten too', async () => {
    setLeaf(12, edited(12));
    db.prepare('UPDATE ledger_nodes SET hash = ? WHERE level = 0 AND idx = 12').run(leafHash(leafOf(12)));
    const { findings } = await verifyLog(store, { publicKeyFor: keys });
    expect(findings).toContainEqual({
      kind: 'entries-changed', from: 12, to: 14, evidence: 'subtree (level 1, index 6) hash differs from the stored one',
    });
  });

  it('still catches an edit hidden by recomputing every stored hash, through the signed checkpoints', async () => {
    setLeaf(12, edited(12));
    rewriteAllNodes();
    const { findings } = await verifyLog(store, { publicKeyFor: keys });
    expect(findings).toEqual([
      { kind: 'checkpoint-root-mismatch', checkpoint: 2, treeSize: 16, from: 8 },
      { kind: 'checkpoint-root-mismatch', checkpoint: 3, treeSize: 20, from: 8 },
    ]);
  });

  it('reports a DELETEd row as that entry missing and nothing else', async () => {
    db.prepare('DELETE FROM ledger_entries WHERE idx = 5').run();
    const report = await verifyLog(store, { publicKeyFor: keys });
    expect(report.findings).toEqual([{ kind: 'entries-missing', from: 5, to: 6 }]);
    expect(formatLogReport(report)[1]).toBe('  entry 5 missing (deleted)');
  });

  it('reports a truncated tail against the recorded size and the last checkpoint', async () => {
    db.prepare('DELETE FROM ledger_entries WHERE idx >= 17').run();
    db.prepare('DELETE FROM ledger_nodes WHERE level = 0 AND idx >= 17').run();
    db.prepare('UPDATE ledger_state SET size = 17').run();
    const { findings } = await verifyLog(store, { publicKeyFor: keys });
    expect(findings).toContainEqual({ kind: 'size-mismatch', recorded: 17, found: 20 });
    expect(findings).toContainEqual({ kind: 'entries-missing', from: 17, to: 20 });
    expect(findings).toContainEqual({ kind: 'checkpoint-unverifiable', checkpoint: 3, treeSize: 20 });
    expect(findings).toContainEqual({ kind: 'node-missing', level: 0, index: 18 });
  });

  it('reports two swapped rows as those two entries reordered', async () => {
    const [a, b] = [leafOf(3), leafOf(9)];
    setLeaf(3, b);
    setLeaf(9, a);
    const { findings } = await verifyLog(store, { publicKeyFor: keys });
    expect(findings).toEqual([
      { kind: 'checkpoint-root-mismatch', checkpoint: 1, treeSize: 8, from: 0 },
      { kind: 'checkpoint-root-mismatch', checkpoint: 2, treeSize: 16, from: 0 },
      { kind: 'checkpoint-root-mismatch', checkpoint: 3, treeSize: 20, from: 0 },
      { kind: 'entries-reordered', indexes: [3, 9] },
    ]);
  });

  it('reports swapped row ids the same way', async () => {
    db.exec('UPDATE ledger_entries SET idx = -1 WHERE idx = 3; UPDATE ledger_entries SET idx = 3 WHERE idx = 9; UPDATE ledger_entries SET idx = 9 WHERE idx = -1');
    const { findings } = await verifyLog(store, { publicKeyFor: keys });
    expect(findings).toContainEqual({ kind: 'entries-reordered', indexes: [3, 9] });
  });

  it('reports a stored subtree hash changed while the entries still match a checkpoint', async () => {
    db.prepare('UPDATE ledger_nodes SET hash = zeroblob(32) WHERE level = 2 AND idx = 1').run();
    const { findings } = await verifyLog(store, { publicKeyFor: keys });
    expect(findings).toEqual([{ kind: 'node-changed', level: 2, index: 1, checkpoint: 1 }]);
  });

  it('reports a checkpoint whose fields or signature were changed, or whose key is unknown', async () => {
    db.prepare('UPDATE ledger_checkpoints SET tree_size = 7 WHERE seq = 1').run();
    db.prepare(`UPDATE ledger_checkpoints SET signature = 'AAAA' WHERE seq = 3`).run();
    const { findings } = await verifyLog(store, { publicKeyFor: keys });
    expect(findings).toEqual([
      { kind: 'checkpoint-bad-signature', checkpoint: 1, treeSize: 7, reason: 'bad-signature' },
      { kind: 'checkpoint-bad-signature', checkpoint: 3, treeSize: 20, reason: 'bad-signature' },
    ]);
    const unknown = await verifyLog(store, { publicKeyFor: () => undefined });
    expect(unknown.findings).toContainEqual({ kind: 'checkpoint-bad-signature', checkpoint: 2, treeSize: 16, reason: 'unknown-key' });
  });

  it('reports non-canonical edits and entries the caller rejects', async () => {
    setLeaf(2, Buffer.from(leafOf(2).toString().replace('{"digest"', '{ "digest"')));
    const { findings } = await verifyLog(store, {
      publicKeyFor: keys,
      checkEntry: (entry) => (entry.object_id === 'note--4' ? 'no stored object has this digest' : null),
    });
    expect(findings).toContainEqual({ kind: 'entry-malformed', index: 2, problem: 'not in RFC 8785 canonical form' });
    expect(findings).toContainEqual({ kind: 'entry-rejected', index: 4, reason: 'no stored object has this digest' });
    expect(findings).toContainEqual({ kind: 'entry-changed', index: 2, evidence: 'leaf hash differs from the one stored when it was appended' });
  });

  it('does not walk a forged size: a bogus recorded size or unsigned checkpoint size is reported, not trusted', async () => {
    db.prepare('UPDATE ledger_state SET size = 1000000000').run();
    db.prepare('UPDATE ledger_checkpoints SET tree_size = 2000000000 WHERE seq = 1').run();
    const report = await verifyLog(store, { publicKeyFor: keys });
    expect(report.size).toBe(20);
    expect(report.findings).toEqual([
      { kind: 'size-mismatch', recorded: 1000000000, found: 20 },
      { kind: 'checkpoint-bad-signature', checkpoint: 1, treeSize: 2000000000, reason: 'bad-signature' },
    ]);
  });

  it('reports rows hand-edited to TEXT instead of bytes', async () => {
    db.exec(`UPDATE ledger_nodes SET hash = 'x' WHERE level = 1 AND idx = 8`);
    expect((await verifyLog(store, { publicKeyFor: keys })).findings).toEqual([
      { kind: 'node-changed', level: 1, index: 8, checkpoint: 3 },
    ]);
    db.exec(`UPDATE ledger_entries SET leaf = 'hello' WHERE idx = 3`);
    const { findings } = await verifyLog(store, { publicKeyFor: keys });
    expect(findings).toContainEqual({ kind: 'entry-malformed', index: 3, problem: 'not JSON' });
    expect(findings).toContainEqual({ kind: 'entry-changed', index: 3, evidence: 'leaf hash differs from the one stored when it was appended' });
  });

  it('pinpoints every single-entry edit, deletion and swap at every position', async () => {
    for (let p = 0; p < 20; p++) {
      const original = leafOf(p);
      setLeaf(p, edited(p));
      let { findings } = await verifyLog(store, { publicKeyFor: keys });
      expect(findings.filter((f) => !f.kind.startsWith('checkpoint'))).toEqual([
        { kind: 'entry-changed', index: p, evidence: 'leaf hash differs from the one stored when it was appended' },
      ]);
      expect(findings.filter((f) => f.kind === 'checkpoint-root-mismatch')).toHaveLength([8, 16, 20].filter((s) => s > p).length);
      setLeaf(p, original);
      db.prepare('DELETE FROM ledger_entries WHERE idx = ?').run(p);
      ({ findings } = await verifyLog(store, { publicKeyFor: keys }));
      expect(findings).toEqual([{ kind: 'entries-missing', from: p, to: p + 1 }]);
      db.prepare('INSERT INTO ledger_entries (idx, leaf) VALUES (?, ?)').run(p, original);
      const q = (p * 7 + 3) % 20;
      if (q !== p) {
        const other = leafOf(q);
        setLeaf(p, other);
        setLeaf(q, original);
        ({ findings } = await verifyLog(store, { publicKeyFor: keys }));
        expect(findings.filter((f) => !f.kind.startsWith('checkpoint'))).toEqual([
          { kind: 'entries-reordered', indexes: [Math.min(p, q), Math.max(p, q)] },
        ]);
        setLeaf(p, original);
        setLeaf(q, other);
      }
    }
    expect((await verifyLog(store, { publicKeyFor: keys })).ok).toBe(true);
  });

  it('reports an entry moved to a new position after a deletion', async () => {
    db.exec('DELETE FROM ledger_entries WHERE idx = 19; UPDATE ledger_entries SET idx = 19 WHERE idx = 18');
    const { findings } = await verifyLog(store, { publicKeyFor: keys, batchSize: 7 });
    expect(findings).toContainEqual({ kind: 'entries-missing', from: 18, to: 19 });
    expect(findings).toContainEqual({ kind: 'entry-moved', index: 18, position: 19 });
  });
});
