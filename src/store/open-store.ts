import { fileURLToPath } from 'node:url';
import { ParleyError } from '../errors.ts';
import type { PostgresStore, PostgresStoreOptions } from './postgres/postgres-store.ts';
import { openSqliteStore, type SqliteStore } from './sqlite/sqlite-store.ts';

/** Which backend a location names, and where. */
export type StoreLocation = { kind: 'sqlite'; dir: string } | { kind: 'postgres'; url: string };

/**
 * Reads a store location: `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite://DIR`, `file://DIR`, a plain
 * directory or `:memory:` is SQLite (the data directory holding parley.db).
 */
export function parseStoreLocation(location: string): StoreLocation {
  if (/^postgres(ql)?:\/\//i.test(location)) return { kind: 'postgres', url: location };
  if (/^sqlite:\/\//i.test(location)) {
    const dir = location.slice('sqlite://'.length);
    if (dir === '') throw new ParleyError('BAD_REQUEST', 'sqlite:// needs a directory, e.g. sqlite:///var/lib/parley or sqlite://./data');
    return { kind: 'sqlite', dir };
  }
  if (/^file:\/\//i.test(location)) return { kind: 'sqlite', dir: fileURLToPath(location) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new ParleyError('BAD_REQUEST', `unsupported database URL "${location.replace(/\/\/[^@/]*@/, '//***@')}": use postgres://… or sqlite://DIR`);
  }
  if (location === '') throw new ParleyError('BAD_REQUEST', 'the database location is empty');
  return { kind: 'sqlite', dir: location };
}

/** Opens the store a location names (see parseStoreLocation); SQLite is the default for anything but postgres://. */
export async function openStore(location: string, options: PostgresStoreOptions & { backgroundCheckpoints?: boolean } = {}): Promise<SqliteStore | PostgresStore> {
  const parsed = parseStoreLocation(location);
  if (parsed.kind === 'sqlite') return openSqliteStore(parsed.dir, { backgroundCheckpoints: options.backgroundCheckpoints ?? false });
  // Loaded on demand, so that commands on the SQLite default do not pay for the PostgreSQL driver at start-up.
  const { openPostgresStore } = await import('./postgres/postgres-store.ts');
  return openPostgresStore(parsed.url, options);
}
