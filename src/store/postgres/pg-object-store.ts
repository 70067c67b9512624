import { ParleyError } from '../../errors.ts';
import type { ObjectPage, ObjectQuery, ObjectStore, ObjectTextPage, ObjectVersion, PutOutcome, StixObject, VersionMatch } from '../object-store.ts';
import { encodeCursor, pageStart } from '../page-cursor.ts';
import { prepareObject, type PreparedObject } from '../prepared-object.ts';
import type { PgExecutor, SqlValue } from './pg-executor.ts';
import { Params, pgObjectFilter } from './pg-object-filter.ts';
import { PgObjectWriter } from './pg-object-writer.ts';

interface VersionRow { id: string; type: string; version: string; date_added: number; spec_version: string; media_type: string; json: string }

/** Object versions on PostgreSQL; see pg-taxii-migrations.ts for the indexes each query relies on. */
export class PgObjectStore implements ObjectStore {
  readonly #db: PgExecutor;
  readonly #secret: Buffer;
  readonly #writer: PgObjectWriter;

  constructor(db: PgExecutor, cursorSecret: Buffer) {
    this.#db = db;
    this.#secret = cursorSecret;
    this.#writer = new PgObjectWriter(db);
  }

  put(collection: string, objects: readonly StixObject[]): Promise<PutOutcome[]> {
    return this.#writer.put(collection, objects.map((o) => prepareObject(o)));
  }

  // PutOptions are ignored, as they allow: nested, the put always keeps its savepoint here.
  putPrepared(collection: string, objects: readonly PreparedObject[]): Promise<PutOutcome[]> {
    return this.#writer.put(collection, objects);
  }

  async query(query: ObjectQuery): Promise<ObjectPage> {
    const { sql, params, filterKey } = await this.#pageSql(query, 'id, type, version, date_added, spec_version, media_type, json');
    const rows = await this.#db.rows<VersionRow>(sql, params);
    const more = rows.length > query.limit;
    const objects = rows.slice(0, query.limit).map(toVersion);
    const last = objects[objects.length - 1];
    return { objects, more, ...(more && last ? { next: encodeCursor(this.#secret, filterKey, last.dateAdded) } : {}) };
  }

  async queryText(query: ObjectQuery): Promise<ObjectTextPage> {
    const { sql, params, filterKey } = await this.#pageSql(query, 'date_added, json');
    const rows = await this.#db.rows<{ date_added: number; json: string }>(sql, params);
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const first = page[0];
    const last = page[page.length - 1];
    const json = page.map((r) => r.json).join(',');
    if (!first || !last) return { json, count: 0, more };
    return { json, count: page.length, firstAdded: first.date_added, lastAdded: last.date_added, more,
      ...(more ? { next: encodeCursor(this.#secret, filterKey, last.date_added) } : {}) };
  }

  /** The page query for `columns`: filters, the cursor's lower bound, date_added order and limit + 1 (for `more`). */
  async #pageSql(query: ObjectQuery, columns: string): Promise<{ sql: string; params: SqlValue[]; filterKey: string }> {
    const key = await this.#key(query.collection);
    const params = new Params();
    const filter = pgObjectFilter(key, query, params);
    const { filterKey, after } = pageStart(this.#secret, query);
    const sql = `SELECT ${columns} FROM taxii_objects WHERE ${filter} AND date_added > ${params.add(after)} ORDER BY date_added LIMIT ${params.add(query.limit + 1)}`;
    return { sql, params: params.values, filterKey };
  }

  delete(collection: string, id: string, versions?: VersionMatch, specVersions?: readonly string[]): Promise<number> {
    return this.#writer.delete(collection, id, versions ?? { last: false, first: false, all: true, at: [] }, specVersions);
  }

  async count(collection: string): Promise<number> {
    const key = await this.#key(collection);
    return (await this.#db.row<{ n: number }>('SELECT count(*) AS n FROM taxii_objects WHERE collection = $1', [key]))?.n ?? 0;
  }

  async #key(collection: string): Promise<number> {
    const row = await this.#db.row<{ seq: number }>('SELECT seq FROM taxii_collections WHERE id = $1', [collection]);
    if (!row) throw new ParleyError('NOT_FOUND', `collection ${collection} does not exist`);
    return row.seq;
  }
}

function toVersion(row: VersionRow): ObjectVersion {
  return {
    id: row.id, type: row.type, version: row.version, dateAdded: row.date_added, specVersion: row.spec_version,
    mediaType: row.media_type, json: row.json,
  };
}
