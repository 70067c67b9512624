import type { MigrationSet } from '../sqlite/migrate.ts';

const TEXT = 'TEXT COLLATE "C"';

/**
 * The TAXII schema on PostgreSQL: as many steps as SQLite's `taxiiMigrations` (module `taxii`), so both report the
 * same schema version. Text columns use the "C" collation so ordering is byte order, as in SQLite, whatever the
 * database's locale. `date_added` is unique per collection (the key is collection + date_added) and each collection
 * has its own clock row, locked by every insert transaction (see pg-object-writer.ts).
 */
export const pgTaxiiMigrations: MigrationSet = Object.freeze({
  module: 'taxii',
  steps: Object.freeze([
    `CREATE TABLE taxii_node (key ${TEXT} PRIMARY KEY, value BYTEA NOT NULL)`,
    `CREATE TABLE taxii_api_roots (
      name ${TEXT} PRIMARY KEY, title TEXT NOT NULL, description TEXT,
      max_content_length INTEGER NOT NULL, is_default BOOLEAN NOT NULL DEFAULT false)`,
    `CREATE TABLE taxii_collections (
      seq INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id ${TEXT} NOT NULL UNIQUE,
      api_root ${TEXT} NOT NULL REFERENCES taxii_api_roots(name), title TEXT NOT NULL, description TEXT, media_types TEXT NOT NULL)`,
    `CREATE TABLE taxii_clock (collection INTEGER PRIMARY KEY REFERENCES taxii_collections(seq), last_added BIGINT NOT NULL)`,
    `CREATE TABLE taxii_objects (
      collection INTEGER NOT NULL, date_added BIGINT NOT NULL, id ${TEXT} NOT NULL,
      type ${TEXT} NOT NULL, version TEXT NOT NULL, version_key ${TEXT} NOT NULL, spec_version ${TEXT} NOT NULL,
      media_type TEXT NOT NULL, is_latest BOOLEAN NOT NULL, is_first BOOLEAN NOT NULL, json TEXT NOT NULL,
      PRIMARY KEY (collection, date_added))`,
    `CREATE UNIQUE INDEX taxii_objects_version ON taxii_objects (collection, id, version_key)`,
    `CREATE INDEX taxii_objects_type_latest ON taxii_objects (collection, type, date_added) WHERE is_latest`,
    `CREATE INDEX taxii_objects_latest ON taxii_objects (collection, date_added) WHERE is_latest`,
    `CREATE TABLE taxii_accounts (name ${TEXT} PRIMARY KEY, password_hash TEXT NOT NULL, created_at TEXT NOT NULL)`,
    `CREATE TABLE taxii_tokens (
      hash ${TEXT} PRIMARY KEY, account ${TEXT} NOT NULL REFERENCES taxii_accounts(name) ON DELETE CASCADE,
      created_at TEXT NOT NULL)`,
    `CREATE INDEX taxii_tokens_account ON taxii_tokens (account)`,
    `CREATE TABLE taxii_rights (
      account ${TEXT} NOT NULL REFERENCES taxii_accounts(name) ON DELETE CASCADE,
      collection ${TEXT} NOT NULL REFERENCES taxii_collections(id),
      can_read BOOLEAN NOT NULL, can_write BOOLEAN NOT NULL, PRIMARY KEY (account, collection))`,
    `CREATE TABLE taxii_statuses (
      api_root ${TEXT} NOT NULL, id ${TEXT} NOT NULL, account TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
      PRIMARY KEY (api_root, id))`,
  ]),
});
