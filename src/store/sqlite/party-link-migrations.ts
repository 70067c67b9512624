import type { MigrationSet } from './migrate.ts';

/** Schema of account ↔ party links and per-counterpart delivery modes (pull fallback). */
export const partyLinkMigrations: MigrationSet = Object.freeze({
  module: 'party-links',
  steps: Object.freeze([
    `CREATE TABLE node_party_accounts (account TEXT PRIMARY KEY, party_id TEXT NOT NULL);
     CREATE INDEX node_party_accounts_party ON node_party_accounts (party_id);
     CREATE TABLE node_party_delivery (party_id TEXT PRIMARY KEY, outgoing TEXT NOT NULL CHECK (outgoing IN ('push', 'pull')),
       outbox_collection TEXT, poll_collection TEXT);`,
  ]),
});
