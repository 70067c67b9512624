import type { MigrationSet } from '../sqlite/migrate.ts';

const TEXT = 'TEXT COLLATE "C"';

/** The ledger module (one step, as on SQLite): leaves, complete-subtree hashes, the size row, checkpoints. */
export const pgLogMigrations: MigrationSet = Object.freeze({
  module: 'ledger',
  steps: Object.freeze([
    `CREATE TABLE ledger_entries (idx BIGINT PRIMARY KEY, leaf BYTEA NOT NULL);
     CREATE TABLE ledger_nodes (level INTEGER NOT NULL, idx BIGINT NOT NULL, hash BYTEA NOT NULL, PRIMARY KEY (level, idx));
     CREATE TABLE ledger_state (id INTEGER PRIMARY KEY CHECK (id = 1), size BIGINT NOT NULL);
     INSERT INTO ledger_state (id, size) VALUES (1, 0);
     CREATE TABLE ledger_checkpoints (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, origin TEXT NOT NULL,
       tree_size BIGINT NOT NULL, root_hash TEXT NOT NULL, timestamp TEXT NOT NULL, key_id TEXT NOT NULL,
       signature TEXT NOT NULL);
     CREATE INDEX ledger_checkpoints_size ON ledger_checkpoints (tree_size, seq);`,
  ]),
});

/** The hotline module (the same steps as on SQLite). */
export const pgHotlineMigrations: MigrationSet = Object.freeze({
  module: 'hotline',
  steps: Object.freeze([
    `CREATE TABLE hotline_parties (id ${TEXT} PRIMARY KEY, own BOOLEAN NOT NULL, modified ${TEXT} NOT NULL, json TEXT NOT NULL);
     CREATE UNIQUE INDEX hotline_parties_one_own ON hotline_parties (own) WHERE own;
     CREATE TABLE hotline_agreements (id ${TEXT} NOT NULL, version INTEGER NOT NULL CHECK (version >= 1),
       modified ${TEXT} NOT NULL, json TEXT NOT NULL, PRIMARY KEY (id, version));
     CREATE TABLE hotline_messages (
       seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id ${TEXT} NOT NULL, modified ${TEXT} NOT NULL,
       created ${TEXT} NOT NULL, thread_id ${TEXT} NOT NULL, kind TEXT NOT NULL,
       direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')), stored_at TEXT NOT NULL, json TEXT NOT NULL,
       UNIQUE (id, modified));
     CREATE INDEX hotline_messages_thread ON hotline_messages (thread_id, created);
     CREATE INDEX hotline_messages_direction ON hotline_messages (direction, seq);
     CREATE TABLE hotline_deadlines (message_id ${TEXT} NOT NULL, owed_by ${TEXT} NOT NULL, thread_id ${TEXT} NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'answered', 'overdue', 'closed')),
       acknowledge_by ${TEXT} NOT NULL, json TEXT NOT NULL, PRIMARY KEY (message_id, owed_by));
     CREATE INDEX hotline_deadlines_state ON hotline_deadlines (state, acknowledge_by);
     CREATE INDEX hotline_deadlines_thread ON hotline_deadlines (thread_id);
     CREATE TABLE hotline_regulatory_clocks (message_id ${TEXT} NOT NULL, obligation ${TEXT} NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('open', 'met', 'overdue')), due ${TEXT} NOT NULL, json TEXT NOT NULL,
       PRIMARY KEY (message_id, obligation));
     CREATE TABLE hotline_operators (username ${TEXT} PRIMARY KEY,
       role TEXT NOT NULL CHECK (role IN ('duty-officer', 'supervisor', 'administrator')),
       password_hash TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);`,
    // As on SQLite: a random token changed by every committed change to parties or agreements.
    `CREATE TABLE hotline_directory (id INTEGER PRIMARY KEY CHECK (id = 1), revision TEXT NOT NULL);
     INSERT INTO hotline_directory (id, revision) VALUES (1, md5(random()::text || clock_timestamp()::text));
     CREATE FUNCTION hotline_directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN UPDATE hotline_directory SET revision = md5(random()::text || clock_timestamp()::text); RETURN NULL; END $$;
     CREATE TRIGGER hotline_parties_changed AFTER INSERT OR UPDATE OR DELETE ON hotline_parties
       FOR EACH STATEMENT EXECUTE FUNCTION hotline_directory_changed();
     CREATE TRIGGER hotline_agreements_changed AFTER INSERT OR UPDATE OR DELETE ON hotline_agreements
       FOR EACH STATEMENT EXECUTE FUNCTION hotline_directory_changed();`,
  ]),
});

/** The federation module (one step, as on SQLite): the outbox, held early arrivals, pull cursors. */
export const pgOutboxMigrations: MigrationSet = Object.freeze({
  module: 'federation',
  steps: Object.freeze([
    `CREATE TABLE outbox_deliveries (
       seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       message_id ${TEXT} NOT NULL, message_modified ${TEXT} NOT NULL, thread_id ${TEXT} NOT NULL, recipient ${TEXT} NOT NULL,
       envelope TEXT NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('queued', 'failing', 'delivered', 'given-up', 'rejected', 'published')),
       enqueued_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, next_attempt_at ${TEXT},
       delivered_at TEXT, receipt TEXT, reject_code TEXT, reject_reason TEXT, settled_at TEXT,
       UNIQUE (message_id, message_modified, recipient));
     CREATE INDEX outbox_pending ON outbox_deliveries (next_attempt_at) WHERE state IN ('queued', 'failing');
     CREATE INDEX outbox_pending_thread ON outbox_deliveries (recipient, thread_id, seq) WHERE state IN ('queued', 'failing');
     CREATE INDEX outbox_pending_seq ON outbox_deliveries (seq) WHERE state IN ('queued', 'failing');
     CREATE INDEX outbox_state ON outbox_deliveries (state, seq);
     CREATE TABLE federation_pending (
       message_id ${TEXT} NOT NULL, message_modified ${TEXT} NOT NULL, thread_id TEXT NOT NULL, waiting_for ${TEXT} NOT NULL,
       envelope TEXT NOT NULL, held_at TEXT NOT NULL, arrival BIGINT GENERATED ALWAYS AS IDENTITY,
       PRIMARY KEY (message_id, message_modified));
     CREATE INDEX federation_pending_waiting ON federation_pending (waiting_for, arrival);
     CREATE TABLE federation_pull_cursors (party_id ${TEXT} PRIMARY KEY, added_after TEXT NOT NULL, updated_at TEXT NOT NULL);`,
    // The SQLite step 2 swaps an index for its per-recipient `due`; PostgreSQL's `due` reads in seq order
    // (outbox_pending_seq), so this step keeps the versions in step and changes nothing.
    `SELECT 1`,
  ]),
});

/** The api module (one step, as on SQLite): operator sessions keyed by the token's SHA-256. */
export const pgSessionMigrations: MigrationSet = Object.freeze({
  module: 'api',
  steps: Object.freeze([
    `CREATE TABLE api_sessions (token_hash ${TEXT} PRIMARY KEY, username ${TEXT} NOT NULL, role TEXT NOT NULL,
       created_at TEXT NOT NULL, expires_at ${TEXT} NOT NULL);
     CREATE INDEX api_sessions_username ON api_sessions (username);
     CREATE INDEX api_sessions_expiry ON api_sessions (expires_at);`,
  ]),
});
