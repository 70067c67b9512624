import type { MigrationSet } from './migrate.ts';

/** Schema of the node runtime: node state, counterpart credentials, evidence, receipts and delivery outcomes. */
export const nodeMigrations: MigrationSet = Object.freeze({
  module: 'node',
  steps: Object.freeze([
    `CREATE TABLE node_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
     CREATE TABLE node_credentials (party_id TEXT PRIMARY KEY, username TEXT NOT NULL, password TEXT NOT NULL);
     CREATE TABLE node_evidence (message_id TEXT NOT NULL, object_id TEXT NOT NULL, json TEXT NOT NULL,
       PRIMARY KEY (message_id, object_id));
     CREATE INDEX node_evidence_object ON node_evidence (object_id);
     CREATE TABLE node_receipts_issued (message_id TEXT NOT NULL, modified TEXT NOT NULL, signature TEXT NOT NULL,
       json TEXT NOT NULL, PRIMARY KEY (message_id, modified));
     CREATE TABLE node_receipts_held (message_id TEXT NOT NULL, recipient TEXT NOT NULL, json TEXT NOT NULL,
       PRIMARY KEY (message_id, recipient));
     CREATE TABLE node_deliveries (message_id TEXT NOT NULL, recipient TEXT NOT NULL, outcome TEXT NOT NULL,
       reason TEXT, at TEXT NOT NULL, PRIMARY KEY (message_id, recipient));`,
  ]),
});
