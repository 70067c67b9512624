import { ParleyError } from '../../errors.ts';
import type { SignedCheckpoint } from '../../ledger/checkpoint.ts';
import { leafHash, nodeHash, type NodeKey } from '../../ledger/merkle.ts';
import type { LogExtent, LogStore, StoredCheckpoint, StoredLeaf } from '../log-store.ts';
import type { PgExecutor } from './pg-executor.ts';

interface CheckpointRow extends SignedCheckpoint {
  seq: number;
}

const toStored = (row: CheckpointRow | undefined): StoredCheckpoint | undefined =>
  row === undefined ? undefined : { seq: row.seq, checkpoint: {
    origin: row.origin, tree_size: row.tree_size, root_hash: row.root_hash, timestamp: row.timestamp,
    key_id: row.key_id, signature: row.signature } };

/**
 * The Merkle log on PostgreSQL (tables of `pgLogMigrations`). Every append locks the log's one state row
 * (SELECT … FOR UPDATE) before reading the size, so appends from any number of instances are serialised and the
 * tree has one order; leaves and their subtree hashes commit together.
 */
export class PgLogStore implements LogStore {
  readonly #db: PgExecutor;

  constructor(db: PgExecutor) {
    this.#db = db;
  }

  append(build: (firstIndex: number) => readonly Uint8Array[]): Promise<number> {
    return this.#db.transaction(async () => {
      const state = await this.#db.row<{ size: number }>('SELECT size FROM ledger_state WHERE id = 1 FOR UPDATE');
      if (!state) throw new ParleyError('INTERNAL', 'the ledger tables are not initialised: run the ledger migrations first');
      const first = state.size;
      const leaves = build(first);
      for (let i = 0; i < leaves.length; i++) await this.#writeLeaf(first + i, leaves[i]!);
      await this.#db.run('UPDATE ledger_state SET size = $1 WHERE id = 1', [first + leaves.length]);
      return first;
    });
  }

  // Writes a leaf, its hash and each complete subtree it closes: O(log n) worst case, O(1) amortised.
  async #writeLeaf(index: number, leaf: Uint8Array): Promise<void> {
    const bytes = Buffer.isBuffer(leaf) ? leaf : Buffer.from(leaf);
    await this.#db.run('INSERT INTO ledger_entries (idx, leaf) VALUES ($1, $2)', [index, bytes]);
    let hash = leafHash(leaf);
    let level = 0;
    let at = index;
    await this.#db.run('INSERT INTO ledger_nodes (level, idx, hash) VALUES ($1, $2, $3)', [level, at, hash]);
    while (at % 2 === 1) {
      const left = await this.#db.row<{ hash: Buffer }>('SELECT hash FROM ledger_nodes WHERE level = $1 AND idx = $2', [level, at - 1]);
      if (left === undefined) {
        throw new ParleyError('LOG_TAMPERED', `the stored hash of subtree (${level}, ${at - 1}) is missing; run parley verify`);
      }
      hash = nodeHash(left.hash, hash);
      level += 1;
      at = (at - 1) / 2;
      await this.#db.run('INSERT INTO ledger_nodes (level, idx, hash) VALUES ($1, $2, $3)', [level, at, hash]);
    }
  }

  async size(): Promise<number> {
    return (await this.#db.row<{ size: number }>('SELECT size FROM ledger_state WHERE id = 1'))?.size ?? 0;
  }

  async entries(start: number, end: number): Promise<StoredLeaf[]> {
    const rows = await this.#db.rows<{ idx: number; leaf: Buffer }>('SELECT idx, leaf FROM ledger_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx', [start, end]);
    return rows.map((row) => ({ index: row.idx, bytes: row.leaf }));
  }

  async nodeHashes(keys: readonly NodeKey[]): Promise<(Buffer | undefined)[]> {
    if (keys.length === 0) return [];
    const rows = await this.#db.rows<{ level: number; idx: number; hash: Buffer }>(
      `SELECT n.level, n.idx, n.hash FROM ledger_nodes n JOIN unnest($1::int[], $2::bigint[]) AS k(level, idx)
       ON n.level = k.level AND n.idx = k.idx`, [keys.map((k) => k.level), keys.map((k) => k.index)]);
    const found = new Map(rows.map((r) => [`${r.level}/${r.idx}`, r.hash]));
    return keys.map((k) => found.get(`${k.level}/${k.index}`));
  }

  async extent(): Promise<LogExtent> {
    return (await this.#db.row<LogExtent>(
      `SELECT (SELECT coalesce(max(idx) + 1, 0) FROM ledger_entries) AS "entries",
              (SELECT coalesce(max(idx) + 1, 0) FROM ledger_nodes WHERE level = 0) AS "leafHashes"`)) ?? { entries: 0, leafHashes: 0 };
  }

  async putCheckpoint(checkpoint: SignedCheckpoint): Promise<number> {
    const { origin, tree_size, root_hash, timestamp, key_id, signature } = checkpoint;
    const row = await this.#db.row<{ seq: number }>(`INSERT INTO ledger_checkpoints (origin, tree_size, root_hash, timestamp, key_id, signature)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq`, [origin, tree_size, root_hash, timestamp, key_id, signature]);
    return row!.seq;
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return toStored(await this.#db.row<CheckpointRow>('SELECT * FROM ledger_checkpoints ORDER BY seq DESC LIMIT 1'));
  }

  async checkpointAt(treeSize: number): Promise<StoredCheckpoint | undefined> {
    return toStored(await this.#db.row<CheckpointRow>('SELECT * FROM ledger_checkpoints WHERE tree_size = $1 ORDER BY seq DESC LIMIT 1', [treeSize]));
  }

  async checkpoints(): Promise<StoredCheckpoint[]> {
    return (await this.#db.rows<CheckpointRow>('SELECT * FROM ledger_checkpoints ORDER BY seq')).map((row) => toStored(row) as StoredCheckpoint);
  }
}
