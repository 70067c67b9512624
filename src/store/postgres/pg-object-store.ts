import { ParleyError } from '../../errors.ts';
import type { ObjectPage, ObjectQuery, ObjectStore, ObjectVersion, PutOutcome, StixObject, VersionMatch } from '../object-store.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import { prepareObject, type PreparedObject } from '../prepared-object.ts';
import type { PgExecutor } from './pg-executor.ts';
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

  putPrepared(collection: string, objects: readonly PreparedObject[]): Promise<PutOutcome[]> {
    return this.#writer.put(collection, objects);
  }

  async query(query: ObjectQuery): Promise<ObjectPage> {
    const key = await this.#key(query.collection);
    const params = new Params();
    const filter = pgObjectFilter(key, query, params);
    const filterKey = JSON.stringify([query.collection, query.addedAfter ?? null, query.ids ?? null, query.types ?? null,
      query.versions ?? null, query.specVersions ?? null]);
    const after = Math.max(query.addedAfter ?? -1, query.next === undefined ? -1 : decodeCursor(this.#secret, filterKey, query.next));
    const rows = await this.#db.rows<VersionRow>(`SELECT id, type, version, date_added, spec_version, media_type, json FROM taxii_objects
       WHERE ${filter} AND date_added > ${params.add(after)} ORDER BY date_added LIMIT ${params.add(query.limit + 1)}`, params.values);
    const more = rows.length > query.limit;
    const objects = rows.slice(0, query.limit).map(toVersion);
    const last = objects[objects.length - 1];
    return { objects, more, ...(more && last ? { next: encodeCursor(this.#secret, filterKey, last.dateAdded) } : {}) };
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
