import { randomUUID } from 'node:crypto';
import { ParleyError } from '../../errors.ts';
import type { ApiRoot, Collection, CollectionStore, NewCollection } from '../collection-store.ts';
import type { ConnectionGate } from './connection-gate.ts';
import type { SqliteDatabase } from './database.ts';

interface RootRow { name: string; title: string; description: string | null; max_content_length: number; is_default: number }
interface CollectionRow { id: string; api_root: string; title: string; description: string | null; media_types: string }

const MEDIA_TYPES = JSON.stringify(['application/stix+json;version=2.1']);

/** API roots and collections in SQLite. */
export class SqliteCollectionStore implements CollectionStore {
  readonly #db: SqliteDatabase;
  readonly #gate: ConnectionGate;

  constructor(db: SqliteDatabase, gate: ConnectionGate) {
    this.#db = db;
    this.#gate = gate;
  }

  apiRoots(): Promise<ApiRoot[]> {
    return this.#gate.read((db) => db.prepare<[], RootRow>('SELECT * FROM taxii_api_roots ORDER BY name').all().map(toRoot));
  }

  apiRoot(name: string): Promise<ApiRoot | undefined> {
    return this.#gate.read((db) => {
      const row = db.prepare<[string], RootRow>('SELECT * FROM taxii_api_roots WHERE name = ?').get(name);
      return row && toRoot(row);
    });
  }

  putApiRoot(root: ApiRoot): Promise<void> {
    return this.#gate.run(() => {
      this.#db.transaction(() => {
        if (root.isDefault) this.#db.prepare('UPDATE taxii_api_roots SET is_default = 0').run();
        this.#db.prepare(`INSERT INTO taxii_api_roots (name, title, description, max_content_length, is_default)
          VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET title = excluded.title,
          description = excluded.description, max_content_length = excluded.max_content_length,
          is_default = excluded.is_default`)
          .run(root.name, root.title, root.description ?? null, root.maxContentLength, root.isDefault ? 1 : 0);
      }).immediate();
    });
  }

  addCollection(input: NewCollection): Promise<Collection> {
    return this.#gate.run(() => {
      const apiRoot = input.apiRoot ?? this.#db.prepare<[], { name: string }>(
        'SELECT name FROM taxii_api_roots WHERE is_default = 1').get()?.name;
      if (!apiRoot || !this.#db.prepare('SELECT 1 FROM taxii_api_roots WHERE name = ?').get(apiRoot)) {
        throw new ParleyError('NOT_FOUND', `API root "${input.apiRoot ?? '(default)'}" does not exist`);
      }
      const id = input.id ?? randomUUID();
      if (this.#db.prepare('SELECT 1 FROM taxii_collections WHERE id = ?').get(id)) {
        throw new ParleyError('CONFLICT', `collection ${id} already exists`);
      }
      this.#db.prepare('INSERT INTO taxii_collections (id, api_root, title, description, media_types) VALUES (?, ?, ?, ?, ?)')
        .run(id, apiRoot, input.title, input.description ?? null, MEDIA_TYPES);
      return toCollection({ id, api_root: apiRoot, title: input.title, description: input.description ?? null, media_types: MEDIA_TYPES });
    });
  }

  collections(apiRoot?: string): Promise<Collection[]> {
    return this.#gate.read((db) => {
      const rows = apiRoot === undefined
        ? db.prepare<[], CollectionRow>('SELECT * FROM taxii_collections ORDER BY rowid').all()
        : db.prepare<[string], CollectionRow>('SELECT * FROM taxii_collections WHERE api_root = ? ORDER BY rowid').all(apiRoot);
      return rows.map(toCollection);
    });
  }

  collection(id: string): Promise<Collection | undefined> {
    return this.#gate.read((db) => {
      const row = db.prepare<[string], CollectionRow>('SELECT * FROM taxii_collections WHERE id = ?').get(id);
      return row && toCollection(row);
    });
  }
}

function toRoot(row: RootRow): ApiRoot {
  return {
    name: row.name, title: row.title, maxContentLength: row.max_content_length, isDefault: row.is_default === 1,
    ...(row.description === null ? {} : { description: row.description }),
  };
}

function toCollection(row: CollectionRow): Collection {
  return {
    id: row.id, apiRoot: row.api_root, title: row.title, mediaTypes: JSON.parse(row.media_types) as string[],
    ...(row.description === null ? {} : { description: row.description }),
  };
}
