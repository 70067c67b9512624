import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/** A value bound to a query parameter. */
export type SqlValue = string | number | boolean | null | Buffer | readonly string[] | readonly number[] | readonly boolean[];

// bigint (int8) and numeric come back as numbers: every int8 column here holds microseconds or counters, which stay
// far below 2^53.
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text'),
};

interface Scope {
  client: pg.PoolClient;
  depth: number;
}

/**
 * Runs SQL on a PostgreSQL pool. `transaction(fn)` binds one pooled client to the async context of `fn`
 * (AsyncLocalStorage), so every query made inside `fn`, by any sub-store, joins that transaction; a nested
 * `transaction` becomes a savepoint. Outside a transaction each query takes whichever pool client is free.
 */
export class PgExecutor {
  readonly pool: pg.Pool;
  readonly #scope = new AsyncLocalStorage<Scope>();

  constructor(url: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types });
    // An idle client losing its connection (server restart) must not crash the process; the next query reconnects.
    this.pool.on('error', () => {});
  }

  /** Rows of one statement, in the current transaction if there is one. */
  async rows<R>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    const scope = this.#scope.getStore();
    const result = await (scope ? scope.client : this.pool).query(sql, params as unknown[]);
    return result.rows as R[];
  }

  /** The first row of one statement, if any. */
  async row<R>(sql: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    return (await this.rows<R>(sql, params))[0];
  }

  /** How many rows a statement changed. */
  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const scope = this.#scope.getStore();
    const result = await (scope ? scope.client : this.pool).query(sql, params as unknown[]);
    return result.rowCount ?? 0;
  }

  /** Runs `fn` in one transaction (a savepoint when already inside one); rolls back when it rejects. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.#scope.getStore();
    if (outer) return this.#savepoint(outer, fn);
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      try {
        const result = await this.#scope.run({ client, depth: 0 }, fn);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  async #savepoint<T>(outer: Scope, fn: () => Promise<T>): Promise<T> {
    const name = `sp${outer.depth + 1}`;
    await outer.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await this.#scope.run({ client: outer.client, depth: outer.depth + 1 }, fn);
      await outer.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await outer.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }

  /** True inside `transaction`. */
  get inTransaction(): boolean {
    return this.#scope.getStore() !== undefined;
  }

  /** Closes every pooled connection. */
  close(): Promise<void> {
    return this.pool.end();
  }
}
