import type { MigrationSet } from './migrate.ts';

/** The federation module's schema steps for `migrate`: the outbox, held early arrivals, pull cursors. */
export const outboxMigrations: MigrationSet = Object.freeze({
  module: 'federation',
  steps: Object.freeze([
    `CREATE TABLE outbox_deliveries (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       message_id TEXT NOT NULL, message_modified TEXT NOT NULL, thread_id TEXT NOT NULL, recipient TEXT NOT NULL,
       envelope TEXT NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('queued', 'failing', 'delivered', 'given-up', 'rejected', 'published')),
       enqueued_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, next_attempt_at TEXT,
       delivered_at TEXT, receipt TEXT, reject_code TEXT, reject_reason TEXT, settled_at TEXT,
       UNIQUE (message_id, message_modified, recipient));
     CREATE INDEX outbox_pending ON outbox_deliveries (next_attempt_at) WHERE state IN ('queued', 'failing');
     CREATE INDEX outbox_pending_thread ON outbox_deliveries (recipient, thread_id, seq) WHERE state IN ('queued', 'failing');
     CREATE INDEX outbox_pending_seq ON outbox_deliveries (seq) WHERE state IN ('queued', 'failing');
     CREATE INDEX outbox_state ON outbox_deliveries (state, seq);
     CREATE TABLE federation_pending (
       message_id TEXT NOT NULL, message_modified TEXT NOT NULL, thread_id TEXT NOT NULL, waiting_for TEXT NOT NULL,
       envelope TEXT NOT NULL, held_at TEXT NOT NULL, arrival INTEGER NOT NULL,
       PRIMARY KEY (message_id, message_modified));
     CREATE INDEX federation_pending_waiting ON federation_pending (waiting_for, arrival);
     CREATE TABLE federation_pull_cursors (party_id TEXT PRIMARY KEY, added_after TEXT NOT NULL, updated_at TEXT NOT NULL);`,
    // A recipient's pending deliveries in seq order: `due` reads each recipient's first few, not the whole queue. The
    // seq-only index it used is dropped: every index of this table is paid on each enqueue and each state change.
    `CREATE INDEX outbox_pending_recipient ON outbox_deliveries (recipient, seq) WHERE state IN ('queued', 'failing');
     DROP INDEX outbox_pending_seq;`,
  ]),
});
