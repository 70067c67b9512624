import { ParleyError } from '../../errors.ts';
import type { PutOutcome, VersionMatch } from '../object-store.ts';
import { jsonText, type PreparedObject } from '../prepared-object.ts';
import { renderMicros, versionKey } from '../timestamp.ts';
import type { PgExecutor } from './pg-executor.ts';
import { Params, pgObjectFilter } from './pg-object-filter.ts';

interface NeighbourRow { version_key: string; is_latest: boolean; is_first: boolean; date_added: number; json: string }

const MEDIA_TYPE = 'application/stix+json;version=2.1';
const NOW_MICROS = '(extract(epoch FROM clock_timestamp()) * 1000000)::bigint';

/** Rows waiting for one multi-row INSERT. */
interface Batch { date: number[]; id: string[]; type: string[]; version: string[]; key: string[]; spec: string[]; latest: boolean[]; first: boolean[]; json: string[] }
const emptyBatch = (): Batch => ({ date: [], id: [], type: [], version: [], key: [], spec: [], latest: [], first: [], json: [] });

/**
 * Writes object versions on PostgreSQL. Every put locks its collection's clock row (SELECT … FOR UPDATE) for the
 * rest of its transaction and takes date_added = greatest(database clock, last + 1): two instances writing to one
 * collection queue on that row, so date_added is strictly increasing per collection and no row commits with a
 * smaller date_added than one already visible (a reader paging by added_after never skips).
 */
export class PgObjectWriter {
  readonly #db: PgExecutor;

  constructor(db: PgExecutor) {
    this.#db = db;
  }

  /** Stores the objects in one transaction; returns one outcome per object, in order. */
  put(collection: string, objects: readonly PreparedObject[]): Promise<PutOutcome[]> {
    return this.#db.transaction(async () => {
      const clock = await this.#db.row<{ seq: number; last_added: number; now: number }>(
        `SELECT k.collection AS seq, k.last_added, ${NOW_MICROS} AS now FROM taxii_clock k
         JOIN taxii_collections c ON c.seq = k.collection WHERE c.id = $1 FOR UPDATE OF k`, [collection]);
      if (!clock) throw new ParleyError('NOT_FOUND', `collection ${collection} does not exist`);
      let next = Math.max(clock.last_added + 1, clock.now);
      const ids = [...new Set(objects.map((o) => o.id))];
      const known = new Set((await this.#db.rows<{ id: string }>(
        'SELECT DISTINCT id FROM taxii_objects WHERE collection = $1 AND id = ANY($2::text[])', [clock.seq, ids])).map((r) => r.id));
      let batch = emptyBatch();
      const outcomes: PutOutcome[] = [];
      for (const object of objects) {
        let outcome: PutOutcome;
        if (known.has(object.id)) {
          // The full path reads this id's rows: flush what the batch holds first, it may include them.
          await this.#insert(clock.seq, batch);
          batch = emptyBatch();
          outcome = await this.#putExisting(clock.seq, object, next);
        } else {
          const version = object.stated ?? renderMicros(next);
          batch.date.push(next); batch.id.push(object.id); batch.type.push(object.type); batch.version.push(version);
          batch.key.push(object.versionKey ?? versionKey(renderMicros(next))); batch.spec.push(object.specVersion);
          batch.latest.push(true); batch.first.push(true); batch.json.push(jsonText(object.json));
          outcome = { id: object.id, version, added: true, dateAdded: next };
        }
        known.add(object.id);
        if (outcome.added) next = outcome.dateAdded + 1;
        outcomes.push(outcome);
      }
      await this.#insert(clock.seq, batch);
      if (next - 1 > clock.last_added) await this.#db.run('UPDATE taxii_clock SET last_added = $1 WHERE collection = $2', [next - 1, clock.seq]);
      return outcomes;
    });
  }

  async #insert(collection: number, b: Batch): Promise<void> {
    if (b.id.length === 0) return;
    await this.#db.run(
      `INSERT INTO taxii_objects (collection, date_added, id, type, version, version_key, spec_version, media_type, is_latest, is_first, json)
       SELECT $1, d, i, t, v, k, s, $2, l, f, j FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::boolean[], $10::boolean[], $11::text[]) AS u(d, i, t, v, k, s, l, f, j)`,
      [collection, MEDIA_TYPE, b.date, b.id, b.type, b.version, b.key, b.spec, b.latest, b.first, b.json]);
  }

  /** Stores one version of an id the collection already has; compares with its first, latest and same-key rows. */
  async #putExisting(collection: number, object: PreparedObject, dateAdded: number): Promise<PutOutcome> {
    const { stated } = object;
    const json = jsonText(object.json);
    const key = object.versionKey ?? versionKey(renderMicros(dateAdded));
    const rows = await this.#db.rows<NeighbourRow>(
      `SELECT version_key, is_latest, is_first, date_added, CASE WHEN is_latest THEN json END AS json FROM taxii_objects
       WHERE collection = $1 AND id = $2 AND (is_latest OR is_first OR version_key = $3)`, [collection, object.id, key]);
    const same = rows.find((r) => r.version_key === key);
    if (same) return { id: object.id, version: stated ?? renderMicros(same.date_added), added: false, dateAdded: same.date_added };
    const latest = rows.find((r) => r.is_latest);
    const first = rows.find((r) => r.is_first);
    // Objects without modified/created version by date_added (TAXII 2.1 §3.4.1): an unchanged re-post is no new version.
    if (stated === undefined && latest && latest.json === json) {
      return { id: object.id, version: renderMicros(latest.date_added), added: false, dateAdded: latest.date_added };
    }
    const isLatest = !latest || key > latest.version_key;
    const isFirst = !first || key < first.version_key;
    if (isLatest && latest) await this.#db.run('UPDATE taxii_objects SET is_latest = false WHERE collection = $1 AND date_added = $2', [collection, latest.date_added]);
    if (isFirst && first) await this.#db.run('UPDATE taxii_objects SET is_first = false WHERE collection = $1 AND date_added = $2', [collection, first.date_added]);
    const version = stated ?? renderMicros(dateAdded);
    const batch = emptyBatch();
    batch.date.push(dateAdded); batch.id.push(object.id); batch.type.push(object.type); batch.version.push(version);
    batch.key.push(key); batch.spec.push(object.specVersion); batch.latest.push(isLatest); batch.first.push(isFirst); batch.json.push(json);
    await this.#insert(collection, batch);
    return { id: object.id, version, added: true, dateAdded };
  }

  /** Deletes matching versions of one object and re-derives its first/latest flags. */
  delete(collectionId: string, id: string, versions: VersionMatch, specVersions?: readonly string[]): Promise<number> {
    return this.#db.transaction(async () => {
      const row = await this.#db.row<{ seq: number }>('SELECT seq FROM taxii_collections WHERE id = $1', [collectionId]);
      if (!row) throw new ParleyError('NOT_FOUND', `collection ${collectionId} does not exist`);
      const params = new Params();
      const deleted = await this.#db.run(`DELETE FROM taxii_objects WHERE ${pgObjectFilter(row.seq, { ids: [id], versions, specVersions }, params)}`, params.values);
      await this.#db.run(`UPDATE taxii_objects o SET
          is_latest = (o.version_key = (SELECT max(version_key) FROM taxii_objects WHERE collection = $1 AND id = $2)),
          is_first = (o.version_key = (SELECT min(version_key) FROM taxii_objects WHERE collection = $1 AND id = $2))
        WHERE o.collection = $1 AND o.id = $2`, [row.seq, id]);
      return deleted;
    });
  }
}
