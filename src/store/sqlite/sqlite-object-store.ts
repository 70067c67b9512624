import type { Statement } from 'better-sqlite3';
import { setImmediate } from 'node:timers/promises';
import { ParleyError } from '../../errors.ts';
import type { ObjectPage, ObjectQuery, ObjectStore, ObjectTextPage, ObjectVersion, PutOptions, PutOutcome, StixObject, VersionMatch } from '../object-store.ts';
import { prepareObject, type PreparedObject } from '../prepared-object.ts';
import { encodeCursor, pageStart } from '../page-cursor.ts';
import type { ConnectionGate } from './connection-gate.ts';
import type { SqliteDatabase } from './database.ts';
import { objectFilterSql } from './object-filter-sql.ts';
import { ObjectWriter } from './object-writer.ts';

/** The objects one synchronous step of a put writes (about 2 ms) before other work may run. */
export const PUT_SLICE = 250;

interface VersionRow { id: string; type: string; version: string; date_added: number; spec_version: string; media_type: string; json: string }

/** Object versions in SQLite; see taxii-migrations.ts for the indexes each query relies on. */
export class SqliteObjectStore implements ObjectStore {
  readonly #db: SqliteDatabase;
  readonly #gate: ConnectionGate;
  readonly #secret: Buffer;
  readonly #writer: ObjectWriter;

  constructor(db: SqliteDatabase, gate: ConnectionGate, cursorSecret: Buffer) {
    this.#db = db;
    this.#gate = gate;
    this.#secret = cursorSecret;
    this.#writer = new ObjectWriter(db);
  }

  async put(collection: string, objects: readonly StixObject[]): Promise<PutOutcome[]> {
    return this.putPrepared(collection, objects.map((o) => prepareObject(o)));
  }

  putPrepared(collection: string, objects: readonly PreparedObject[], options: PutOptions = {}): Promise<PutOutcome[]> {
    const nested = this.#gate.insideTransaction;
    if (!nested && objects.length <= PUT_SLICE) return this.#gate.run(() => this.#writer.put(collection, objects));
    // One transaction, written in slices with the event loop free between them: a 1,000-object bundle is ~10 ms of
    // SQLite work, during which the node would otherwise not even read the next request (to check it meanwhile).
    // Inside a caller's transaction, one savepoint keeps the put atomic (one per slice would journal pages again),
    // unless the caller undoes its whole transaction on failure: then a failure marks that transaction failed.
    const savepoint = nested && options.undo !== 'transaction';
    return this.#gate.transaction(async () => {
      if (savepoint) this.#db.exec('SAVEPOINT parley_put');
      try {
        const outcomes: PutOutcome[] = [];
        for (let at = 0; at < objects.length; at += PUT_SLICE) {
          if (at > 0) await setImmediate();
          outcomes.push(...this.#writer.putInTransaction(collection, objects.slice(at, at + PUT_SLICE)));
        }
        if (savepoint) this.#db.exec('RELEASE parley_put');
        return outcomes;
      } catch (error) {
        if (savepoint && this.#db.inTransaction) this.#db.exec('ROLLBACK TO parley_put; RELEASE parley_put');
        else if (nested) this.#gate.fail(error);
        throw error;
      }
    });
  }

  query(query: ObjectQuery): Promise<ObjectPage> {
    return this.#gate.read((db) => {
      const { sql, params, filterKey } = this.#pageSql(db, query, 'id, type, version, date_added, spec_version, media_type, json');
      const rows = db.prepare<(string | number)[], VersionRow>(sql).all(...params);
      const more = rows.length > query.limit;
      const objects = rows.slice(0, query.limit).map(toVersion);
      const last = objects[objects.length - 1];
      return { objects, more, ...(more && last ? { next: encodeCursor(this.#secret, filterKey, last.dateAdded) } : {}) };
    });
  }

  queryText(query: ObjectQuery): Promise<ObjectTextPage> {
    return this.#gate.read((db) => {
      const { sql, params, filterKey } = this.#pageSql(db, query, 'date_added, json');
      const rows = textStatement(db, sql).all(...params);
      const more = rows.length > query.limit;
      const count = Math.min(rows.length, query.limit);
      let json = '';
      for (let i = 0; i < count; i++) json += i === 0 ? rows[i]![1] : `,${rows[i]![1]}`;
      if (count === 0) return { json, count, more };
      const firstAdded = rows[0]![0];
      const lastAdded = rows[count - 1]![0];
      return { json, count, firstAdded, lastAdded, more, ...(more ? { next: encodeCursor(this.#secret, filterKey, lastAdded) } : {}) };
    });
  }

  /** The page query for `columns`: filters, the cursor's lower bound, date_added order and limit + 1 (for `more`). */
  #pageSql(db: SqliteDatabase, query: ObjectQuery, columns: string): { sql: string; params: (string | number)[]; filterKey: string } {
    const key = db.prepare<[string], { seq: number }>('SELECT seq FROM taxii_collections WHERE id = ?').get(query.collection)?.seq;
    if (key === undefined) throw new ParleyError('NOT_FOUND', `collection ${query.collection} does not exist`);
    const filter = objectFilterSql(key, query);
    const { filterKey, after } = pageStart(this.#secret, query);
    // With match[id], look the ids up (few rows, then sorted) rather than scan the collection in date_added order.
    const index = query.ids && query.ids.length > 0 ? ' INDEXED BY taxii_objects_version' : '';
    const sql = `SELECT ${columns} FROM taxii_objects${index} WHERE ${filter.sql} AND date_added > ? ORDER BY date_added LIMIT ?`;
    return { sql, params: [...filter.params, after, query.limit + 1], filterKey };
  }

  delete(collection: string, id: string, versions?: VersionMatch, specVersions?: readonly string[]): Promise<number> {
    return this.#gate.run(() => this.#writer.delete(collection, id, versions ?? { last: false, first: false, all: true, at: [] }, specVersions));
  }

  count(collection: string): Promise<number> {
    return this.#gate.read((db) => {
      if (!db.prepare('SELECT 1 FROM taxii_collections WHERE id = ?').get(collection)) {
        throw new ParleyError('NOT_FOUND', `collection ${collection} does not exist`);
      }
      return db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM taxii_objects WHERE collection = (SELECT seq FROM taxii_collections WHERE id = ?)').get(collection)?.n ?? 0;
    });
  }
}

// Page statements come from the connection's statement cache (openSqliteDatabase), keyed by SQL text; the filter
// shapes are few. Only queryText selects exactly `date_added, json`, so the raw mode it sets sticks to its own SQL.
function textStatement(db: SqliteDatabase, sql: string): Statement<(string | number)[], [number, string]> {
  return db.prepare<(string | number)[], [number, string]>(sql).raw(true);
}

function toVersion(row: VersionRow): ObjectVersion {
  return {
    id: row.id, type: row.type, version: row.version, dateAdded: row.date_added, specVersion: row.spec_version,
    mediaType: row.media_type, json: row.json,
  };
}
