import type { Command } from 'commander';
import { openStore } from '../store/open-store.ts';
import { readNodeConfig } from '../taxii/node-config.ts';
import type { PostgresStore } from '../store/postgres/postgres-store.ts';
import type { SqliteStore } from '../store/sqlite/sqlite-store.ts';

/** The default data directory of every command that opens the store. */
export const DEFAULT_DATA_DIR = './parley-data';

/** Adds the shared `--data DIR` option to a command. */
export function withDataOption(command: Command): Command {
  return command.option('--data <dir>', 'data directory (holds parley.db)', DEFAULT_DATA_DIR);
}

/** Options of a command that opens the TAXII store: `--data DIR` and, overriding it, `--database URL`. */
export interface StoreOptions {
  data: string;
  database?: string;
}

/** Adds `--data DIR` and `--database URL` (postgres://… or sqlite://DIR; overrides --data) to a command. */
export function withStoreOptions(command: Command): Command {
  return withDataOption(command).option('--database <url>', 'store to use instead of --data: postgres://USER:PASS@HOST:PORT/DB or sqlite://DIR');
}

/** Adds `--data DIR` and `--database URL` (the hotline node's store, overriding DATA/node.json's database) to a node command. */
export function withNodeOptions(command: Command): Command {
  return withDataOption(command).option('--database <url>', 'the node\'s store (postgres://USER:PASS@HOST:PORT/DB or sqlite://DIR), overriding the database recorded in DATA/node.json');
}

/**
 * Opens the store a command's options name: --database when given, else the database recorded in
 * DATA/node.json (`parley init --database`), else the SQLite store in --data.
 */
export function openCommandStore(options: StoreOptions, open: { backgroundCheckpoints?: boolean } = {}): Promise<SqliteStore | PostgresStore> {
  return openStore(options.database ?? readNodeConfig(options.data).database ?? options.data, open);
}
