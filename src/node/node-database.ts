import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyError } from '../errors.ts';
import { parseStoreLocation, type StoreLocation } from '../store/open-store.ts';
import { readNodeConfig } from '../taxii/node-config.ts';

/**
 * Where a data directory's store lives: `override` (a command's --database) when given, else the `database` field
 * of DATA/node.json (written by `parley init --database`), else undefined (SQLite in DATA/parley.db).
 */
export function nodeDatabase(dataDir: string, override?: string): StoreLocation | undefined {
  const location = override ?? readNodeConfig(dataDir).database;
  return location === undefined ? undefined : parseStoreLocation(location);
}

/**
 * Records the node's database in DATA/node.json, keeping the fields already there. The URL may carry the role's
 * password, so the file is made readable by its owner only (0600).
 */
export function recordNodeDatabase(dataDir: string, location: string): void {
  parseStoreLocation(location);
  const file = join(dataDir, 'node.json');
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new ParleyError('BAD_REQUEST', `${file} is not valid JSON`);
  }
  writeFileSync(file, JSON.stringify({ ...existing, database: location }, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
}
