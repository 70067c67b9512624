import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqliteDatabase } from './database.ts';

/** The open transaction, as the calls made inside it see it. */
interface TransactionScope { failure?: { error: unknown } }

/**
 * Serialises use of one better-sqlite3 connection around async transactions. better-sqlite3 is synchronous, so a
 * single statement never interleaves; but an async transaction spans awaits, and any other statement run on the
 * same connection meanwhile would silently join (or be rolled back with) it. While a transaction is open, calls
 * made inside it (tracked with AsyncLocalStorage) run directly and every other call waits for it to end.
 * Reads need not wait: with a reader connection (file databases), `read` runs them there, on the last commit.
 */
export class ConnectionGate {
  readonly #db: SqliteDatabase;
  readonly #inside = new AsyncLocalStorage<TransactionScope>();
  #tail: Promise<void> = Promise.resolve();
  #open = false;

  readonly #reader: SqliteDatabase | undefined;

  /** `reader`, a second connection to the same file, serves `read` calls while a transaction is open elsewhere. */
  constructor(db: SqliteDatabase, reader?: SqliteDatabase) {
    this.#db = db;
    this.#reader = reader;
  }

  /**
   * Runs read-only work. Inside a transaction it runs there (seeing that transaction's writes); while a transaction
   * from elsewhere is open it runs at once on the reader connection, which sees the state before that transaction
   * (so a request's authentication or a page read does not queue behind a long ingest); otherwise on the connection.
   */
  async read<T>(work: (db: SqliteDatabase) => T): Promise<T> {
    if (this.#open && this.#reader && !this.#inside.getStore()) return work(this.#reader);
    return this.run(() => work(this.#db));
  }

  /** Whether the caller runs inside this gate's open transaction. */
  get insideTransaction(): boolean {
    return this.#inside.getStore() !== undefined;
  }

  /**
   * Marks the transaction the caller runs inside as failed: it will roll back and reject with `error` (the first
   * one marked) however its function ends. For work that failed half-way with no savepoint to undo it alone.
   */
  fail(error: unknown): void {
    const scope = this.#inside.getStore();
    if (scope) scope.failure ??= { error };
  }

  /** Runs one synchronous unit of work on the connection, waiting for an open transaction from elsewhere. */
  async run<T>(work: () => T): Promise<T> {
    if (!this.#open || this.#inside.getStore()) return work();
    await this.#waitTurn();
    try {
      return work();
    } finally {
      this.#release();
    }
  }

  /** Runs `fn` inside BEGIN IMMEDIATE … COMMIT; rolls back when it rejects or when work inside it called `fail`. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#inside.getStore()) return fn();
    await this.#waitTurn();
    this.#open = true;
    try {
      this.#db.exec('BEGIN IMMEDIATE');
      const scope: TransactionScope = {};
      try {
        const result = await this.#inside.run(scope, fn);
        if (scope.failure) throw scope.failure.error;
        this.#db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
        throw scope.failure ? scope.failure.error : error;
      }
    } finally {
      this.#open = false;
      this.#release();
    }
  }

  #release: () => void = () => {};

  async #waitTurn(): Promise<void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
  }
}
