import { randomUUID } from 'node:crypto';
import { ParleyError } from '../../errors.ts';
import type { ApiRoot, Collection, CollectionStore, NewCollection } from '../collection-store.ts';
import type { PgExecutor } from './pg-executor.ts';

interface RootRow { name: string; title: string; description: string | null; max_content_length: number; is_default: boolean }
interface CollectionRow { id: string; api_root: string; title: string; description: string | null; media_types: string }

const MEDIA_TYPES = JSON.stringify(['application/stix+json;version=2.1']);

/** API roots and collections on PostgreSQL. */
export class PgCollectionStore implements CollectionStore {
  readonly #db: PgExecutor;

  constructor(db: PgExecutor) {
    this.#db = db;
  }

  async apiRoots(): Promise<ApiRoot[]> {
    return (await this.#db.rows<RootRow>('SELECT * FROM taxii_api_roots ORDER BY name')).map(toRoot);
  }

  async apiRoot(name: string): Promise<ApiRoot | undefined> {
    const row = await this.#db.row<RootRow>('SELECT * FROM taxii_api_roots WHERE name = $1', [name]);
    return row && toRoot(row);
  }

  putApiRoot(root: ApiRoot): Promise<void> {
    return this.#db.transaction(async () => {
      if (root.isDefault) await this.#db.run('UPDATE taxii_api_roots SET is_default = false');
      await this.#db.run(`INSERT INTO taxii_api_roots (name, title, description, max_content_length, is_default)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO UPDATE SET title = excluded.title,
        description = excluded.description, max_content_length = excluded.max_content_length, is_default = excluded.is_default`,
      [root.name, root.title, root.description ?? null, root.maxContentLength, root.isDefault]);
    });
  }

  addCollection(input: NewCollection): Promise<Collection> {
    return this.#db.transaction(async () => {
      const apiRoot = input.apiRoot ?? (await this.#db.row<{ name: string }>('SELECT name FROM taxii_api_roots WHERE is_default'))?.name;
      if (!apiRoot || !(await this.#db.row('SELECT 1 FROM taxii_api_roots WHERE name = $1', [apiRoot]))) {
        throw new ParleyError('NOT_FOUND', `API root "${input.apiRoot ?? '(default)'}" does not exist`);
      }
      const id = input.id ?? randomUUID();
      const inserted = await this.#db.row<{ seq: number }>(`INSERT INTO taxii_collections (id, api_root, title, description, media_types)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING seq`, [id, apiRoot, input.title, input.description ?? null, MEDIA_TYPES]);
      if (!inserted) throw new ParleyError('CONFLICT', `collection ${id} already exists`);
      // The collection's date_added clock: every object write locks this row (see pg-object-writer.ts).
      await this.#db.run('INSERT INTO taxii_clock (collection, last_added) VALUES ($1, 0)', [inserted.seq]);
      return toCollection({ id, api_root: apiRoot, title: input.title, description: input.description ?? null, media_types: MEDIA_TYPES });
    });
  }

  async collections(apiRoot?: string): Promise<Collection[]> {
    const rows = apiRoot === undefined
      ? await this.#db.rows<CollectionRow>('SELECT * FROM taxii_collections ORDER BY seq')
      : await this.#db.rows<CollectionRow>('SELECT * FROM taxii_collections WHERE api_root = $1 ORDER BY seq', [apiRoot]);
    return rows.map(toCollection);
  }

  async collection(id: string): Promise<Collection | undefined> {
    const row = await this.#db.row<CollectionRow>('SELECT * FROM taxii_collections WHERE id = $1', [id]);
    return row && toCollection(row);
  }
}

function toRoot(row: RootRow): ApiRoot {
  return {
    name: row.name, title: row.title, maxContentLength: row.max_content_length, isDefault: row.is_default,
    ...(row.description === null ? {} : { description: row.description }),
  };
}

function toCollection(row: CollectionRow): Collection {
  return {
    id: row.id, apiRoot: row.api_root, title: row.title, mediaTypes: JSON.parse(row.media_types) as string[],
    ...(row.description === null ? {} : { description: row.description }),
  };
}
