import { ParleyError } from '../../errors.ts';
import type { SignedCheckpoint } from '../../ledger/checkpoint.ts';
import { leafHash, nodeHash, type NodeKey } from '../../ledger/merkle.ts';
import type { Transaction } from 'better-sqlite3';
import type { LogExtent, LogStore, StoredCheckpoint, StoredLeaf } from '../log-store.ts';
import type { SqliteDatabase } from './database.ts';
import type { MigrationSet } from './migrate.ts';

/** The ledger module's schema steps for `migrate`. */
export const logMigrations: MigrationSet = Object.freeze({
  module: 'ledger',
  steps: Object.freeze([
    `CREATE TABLE ledger_entries (idx INTEGER PRIMARY KEY, leaf BLOB NOT NULL);
     CREATE TABLE ledger_nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL,
       PRIMARY KEY (level, idx)) WITHOUT ROWID;
     CREATE TABLE ledger_state (id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL);
     INSERT INTO ledger_state (id, size) VALUES (1, 0);
     CREATE TABLE ledger_checkpoints (seq INTEGER PRIMARY KEY AUTOINCREMENT, origin TEXT NOT NULL,
       tree_size INTEGER NOT NULL, root_hash TEXT NOT NULL, timestamp TEXT NOT NULL, key_id TEXT NOT NULL,
       signature TEXT NOT NULL);
     CREATE INDEX ledger_checkpoints_size ON ledger_checkpoints (tree_size, seq);`,
  ]),
});

interface CheckpointRow extends SignedCheckpoint {
  seq: number;
}

// A hand-edited row may hold TEXT or a number where a BLOB belongs; hand it on as bytes so verification reports it.
const asBytes = (value: unknown): Buffer => (Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8'));

const toStored = (row: CheckpointRow | undefined): StoredCheckpoint | undefined =>
  row === undefined ? undefined : { seq: row.seq, checkpoint: {
    origin: row.origin, tree_size: row.tree_size, root_hash: row.root_hash, timestamp: row.timestamp,
    key_id: row.key_id, signature: row.signature } };

/**
 * The Merkle log on SQLite. Takes an open handle on which `logMigrations` has run; never opens files. Every
 * append is one SQLite transaction (a savepoint when the caller already holds one), so a crash never leaves a
 * leaf without its subtree hashes.
 */
export class SqliteLogStore implements LogStore {
  readonly #db: SqliteDatabase;
  readonly #appendTx: Transaction<(build: (firstIndex: number) => readonly Uint8Array[]) => number>;
  readonly #stmts;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'ledger_state'`).get() as { n: number };
    if (tables.n === 0) throw new ParleyError('INTERNAL', 'the ledger tables do not exist: run migrate(db, [logMigrations]) first');
    this.#stmts = {
      size: db.prepare<[], { size: number }>('SELECT size FROM ledger_state WHERE id = 1'),
      setSize: db.prepare('UPDATE ledger_state SET size = ? WHERE id = 1'),
      insertLeaf: db.prepare('INSERT INTO ledger_entries (idx, leaf) VALUES (?, ?)'),
      insertNode: db.prepare('INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      node: db.prepare<[number, number], { hash: Buffer }>('SELECT hash FROM ledger_nodes WHERE level = ? AND idx = ?'),
      range: db.prepare<[number, number], { idx: number; leaf: Buffer }>(
        'SELECT idx, leaf FROM ledger_entries WHERE idx >= ? AND idx < ? ORDER BY idx'),
      extent: db.prepare<[], { entries: number; leafHashes: number }>(
        `SELECT (SELECT coalesce(max(idx) + 1, 0) FROM ledger_entries) AS entries,
                (SELECT coalesce(max(idx) + 1, 0) FROM ledger_nodes WHERE level = 0) AS leafHashes`),
      putCheckpoint: db.prepare(
        `INSERT INTO ledger_checkpoints (origin, tree_size, root_hash, timestamp, key_id, signature)
         VALUES (@origin, @tree_size, @root_hash, @timestamp, @key_id, @signature)`),
      latest: db.prepare<[], CheckpointRow>('SELECT * FROM ledger_checkpoints ORDER BY seq DESC LIMIT 1'),
      atSize: db.prepare<[number], CheckpointRow>(
        'SELECT * FROM ledger_checkpoints WHERE tree_size = ? ORDER BY seq DESC LIMIT 1'),
      all: db.prepare<[], CheckpointRow>('SELECT * FROM ledger_checkpoints ORDER BY seq'),
    };
    this.#appendTx = db.transaction((build: (firstIndex: number) => readonly Uint8Array[]) => {
      const first = this.sizeSync();
      const leaves = build(first);
      leaves.forEach((leaf, i) => this.#writeLeaf(first + i, leaf));
      this.#stmts.setSize.run(first + leaves.length);
      return first;
    });
  }

  /**
   * Synchronous append for callers that hold a wider better-sqlite3 transaction (e.g. a message row and its log
   * leaf committed together); nests as a savepoint. Returns the index of the first new leaf.
   */
  appendInTransaction(build: (firstIndex: number) => readonly Uint8Array[]): number {
    // Alone, take the write lock before reading the size so two processes never compute the same index.
    return this.#db.inTransaction ? this.#appendTx(build) : this.#appendTx.immediate(build);
  }

  /** The number of leaves appended, read synchronously. */
  sizeSync(): number {
    return this.#stmts.size.get()?.size ?? 0;
  }

  // Writes a leaf, its hash and each complete subtree it closes: O(log n) worst case, O(1) amortised.
  #writeLeaf(index: number, leaf: Uint8Array): void {
    this.#stmts.insertLeaf.run(index, Buffer.isBuffer(leaf) ? leaf : Buffer.from(leaf));
    let hash = leafHash(leaf);
    let level = 0;
    let at = index;
    this.#stmts.insertNode.run(level, at, hash);
    while (at % 2 === 1) {
      const left = this.#stmts.node.get(level, at - 1);
      if (left === undefined) {
        throw new ParleyError('LOG_TAMPERED', `the stored hash of subtree (${level}, ${at - 1}) is missing; run parley verify`);
      }
      hash = nodeHash(asBytes(left.hash), hash);
      level += 1;
      at = (at - 1) / 2;
      this.#stmts.insertNode.run(level, at, hash);
    }
  }

  async append(build: (firstIndex: number) => readonly Uint8Array[]): Promise<number> {
    return this.appendInTransaction(build);
  }

  async size(): Promise<number> {
    return this.sizeSync();
  }

  async entries(start: number, end: number): Promise<StoredLeaf[]> {
    return this.#stmts.range.all(start, end).map((row) => ({ index: row.idx, bytes: asBytes(row.leaf) }));
  }

  async nodeHashes(keys: readonly NodeKey[]): Promise<(Buffer | undefined)[]> {
    return keys.map((k) => {
      const row = this.#stmts.node.get(k.level, k.index);
      return row === undefined ? undefined : asBytes(row.hash);
    });
  }

  async extent(): Promise<LogExtent> {
    return this.#stmts.extent.get() ?? { entries: 0, leafHashes: 0 };
  }

  async putCheckpoint(checkpoint: SignedCheckpoint): Promise<number> {
    const { origin, tree_size, root_hash, timestamp, key_id, signature } = checkpoint;
    return Number(this.#stmts.putCheckpoint.run({ origin, tree_size, root_hash, timestamp, key_id, signature }).lastInsertRowid);
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return toStored(this.#stmts.latest.get());
  }

  async checkpointAt(treeSize: number): Promise<StoredCheckpoint | undefined> {
    return toStored(this.#stmts.atSize.get(treeSize));
  }

  async checkpoints(): Promise<StoredCheckpoint[]> {
    return this.#stmts.all.all().map((row) => toStored(row) as StoredCheckpoint);
  }
}
