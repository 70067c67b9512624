import type { MigrationSet } from './migrate.ts';

/** Schema of the hotline module. Timestamps in sort/key columns are normalised to millisecond ISO form. */
export const hotlineMigrations: MigrationSet = Object.freeze({
  module: 'hotline',
  steps: Object.freeze([
    `CREATE TABLE hotline_parties (
       id TEXT PRIMARY KEY,
       own INTEGER NOT NULL CHECK (own IN (0, 1)),
       modified TEXT NOT NULL,
       json TEXT NOT NULL);
     CREATE UNIQUE INDEX hotline_parties_one_own ON hotline_parties (own) WHERE own = 1;
     CREATE TABLE hotline_agreements (
       id TEXT NOT NULL,
       version INTEGER NOT NULL CHECK (version >= 1),
       modified TEXT NOT NULL,
       json TEXT NOT NULL,
       PRIMARY KEY (id, version));
     CREATE TABLE hotline_messages (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       id TEXT NOT NULL,
       modified TEXT NOT NULL,
       created TEXT NOT NULL,
       thread_id TEXT NOT NULL,
       kind TEXT NOT NULL,
       direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
       stored_at TEXT NOT NULL,
       json TEXT NOT NULL,
       UNIQUE (id, modified));
     CREATE INDEX hotline_messages_thread ON hotline_messages (thread_id, created);
     CREATE INDEX hotline_messages_direction ON hotline_messages (direction, seq);
     CREATE TABLE hotline_deadlines (
       message_id TEXT NOT NULL,
       owed_by TEXT NOT NULL,
       thread_id TEXT NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'answered', 'overdue', 'closed')),
       acknowledge_by TEXT NOT NULL,
       json TEXT NOT NULL,
       PRIMARY KEY (message_id, owed_by));
     CREATE INDEX hotline_deadlines_state ON hotline_deadlines (state, acknowledge_by);
     CREATE INDEX hotline_deadlines_thread ON hotline_deadlines (thread_id);
     CREATE TABLE hotline_regulatory_clocks (
       message_id TEXT NOT NULL,
       obligation TEXT NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('open', 'met', 'overdue')),
       due TEXT NOT NULL,
       json TEXT NOT NULL,
       PRIMARY KEY (message_id, obligation));
     CREATE TABLE hotline_operators (
       username TEXT PRIMARY KEY,
       role TEXT NOT NULL CHECK (role IN ('duty-officer', 'supervisor', 'administrator')),
       password_hash TEXT NOT NULL,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL);`,
    // A token that changes with every committed change to parties or agreements (any process), so a node can keep
    // them parsed between messages. Random, not a counter: a rolled-back change must not reuse the next value.
    `CREATE TABLE hotline_directory (id INTEGER PRIMARY KEY CHECK (id = 1), revision TEXT NOT NULL);
     INSERT INTO hotline_directory (id, revision) VALUES (1, lower(hex(randomblob(16))));
     ${['parties', 'agreements'].flatMap((table) => ['INSERT', 'UPDATE', 'DELETE'].map((event) =>
       `CREATE TRIGGER hotline_${table}_${event.toLowerCase()} AFTER ${event} ON hotline_${table}
        BEGIN UPDATE hotline_directory SET revision = lower(hex(randomblob(16))); END;`)).join('\n     ')}`,
  ]),
});
