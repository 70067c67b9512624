import type { MigrationSet } from './migrate.ts';

/**
 * The TAXII schema. Object versions carry `is_latest`/`is_first` flags maintained on write, so that the default
 * `match[version]=last` page is a range scan of a partial index: cost does not grow with the collection.
 * `date_added` is integer microseconds and the table's rowid: unique across the node (so strictly increasing in every
 * collection), it is the paging key and the order of every index, and it keeps indexes small (no separate key).
 * Collections are referenced by an integer key, not their UUID text, for the same reason.
 */
export const taxiiMigrations: MigrationSet = Object.freeze({
  module: 'taxii',
  steps: Object.freeze([
    `CREATE TABLE taxii_node (key TEXT PRIMARY KEY, value BLOB NOT NULL)`,
    `CREATE TABLE taxii_api_roots (
      name TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT,
      max_content_length INTEGER NOT NULL, is_default INTEGER NOT NULL DEFAULT 0)`,
    `CREATE TABLE taxii_clock (one INTEGER PRIMARY KEY CHECK (one = 1), last_added INTEGER NOT NULL)`,
    `INSERT INTO taxii_clock (one, last_added) VALUES (1, 0)`,
    `CREATE TABLE taxii_collections (
      seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, api_root TEXT NOT NULL REFERENCES taxii_api_roots(name), title TEXT NOT NULL,
      description TEXT, media_types TEXT NOT NULL)`,
    `CREATE TABLE taxii_objects (
      date_added INTEGER PRIMARY KEY, collection INTEGER NOT NULL, id TEXT NOT NULL,
      type TEXT NOT NULL, version TEXT NOT NULL, version_key TEXT NOT NULL, spec_version TEXT NOT NULL,
      media_type TEXT NOT NULL, is_latest INTEGER NOT NULL, is_first INTEGER NOT NULL, json TEXT NOT NULL)`,
    // Every index ends with the rowid (date_added), so each is also ordered by date_added within its prefix.
    `CREATE INDEX taxii_objects_added ON taxii_objects (collection)`,
    `CREATE UNIQUE INDEX taxii_objects_version ON taxii_objects (collection, id, version_key)`,
    `CREATE INDEX taxii_objects_type_latest ON taxii_objects (collection, type) WHERE is_latest = 1`,
    `CREATE TABLE taxii_accounts (name TEXT PRIMARY KEY, password_hash TEXT NOT NULL, created_at TEXT NOT NULL)`,
    `CREATE TABLE taxii_tokens (
      hash TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES taxii_accounts(name) ON DELETE CASCADE,
      created_at TEXT NOT NULL)`,
    `CREATE TABLE taxii_rights (
      account TEXT NOT NULL REFERENCES taxii_accounts(name) ON DELETE CASCADE,
      collection TEXT NOT NULL REFERENCES taxii_collections(id),
      can_read INTEGER NOT NULL, can_write INTEGER NOT NULL, PRIMARY KEY (account, collection))`,
    `CREATE TABLE taxii_statuses (
      api_root TEXT NOT NULL, id TEXT NOT NULL, account TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
      PRIMARY KEY (api_root, id))`,
  ]),
});
