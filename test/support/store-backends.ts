import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { createTestDatabase } from './postgres-database.ts';

/** One backend's fresh, empty data location, and how to open (more) stores on it. */
export interface BackendLocation {
  /** What `openStore` takes: a SQLite data directory or a postgres:// URL. */
  location: string;
  /** Opens a store on the location (another instance when called again). */
  open(): Promise<Store>;
  /** Deletes the location (stores opened on it must be closed first). */
  dispose(): Promise<void>;
}

/** A store backend, as the suites that run over every backend see it. */
export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  create(): Promise<BackendLocation>;
}

/** Every backend: the same contract and end-to-end suites run over each (`describe.each(STORE_BACKENDS)`). */
export const STORE_BACKENDS: readonly StoreBackend[] = Object.freeze([
  {
    name: 'sqlite',
    async create() {
      const dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
      return { location: dir, open: async () => openSqliteStore(dir), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    async create() {
      const database = await createTestDatabase();
      return { location: database.url, open: () => openPostgresStore(database.url, { maxConnections: 4 }), dispose: database.drop };
    },
  },
]);
