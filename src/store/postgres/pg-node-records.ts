import type { StixObject, TransportReceipt } from '../../federation/delivery-transport.ts';
import type { MigrationSet } from '../sqlite/migrate.ts';
import type { CounterpartCredentials, DeliveryRecord, NodeRecordStore } from '../node-record-store.ts';
import type { PgExecutor } from './pg-executor.ts';

const TEXT = 'TEXT COLLATE "C"';

/** The node module (one step, as on SQLite). Held receipts get an identity column: SQLite lists them by rowid. */
export const pgNodeMigrations: MigrationSet = Object.freeze({
  module: 'node',
  steps: Object.freeze([
    `CREATE TABLE node_state (key ${TEXT} PRIMARY KEY, value TEXT NOT NULL);
     CREATE TABLE node_credentials (party_id ${TEXT} PRIMARY KEY, username TEXT NOT NULL, password TEXT NOT NULL);
     CREATE TABLE node_evidence (message_id ${TEXT} NOT NULL, object_id ${TEXT} NOT NULL, json TEXT NOT NULL,
       PRIMARY KEY (message_id, object_id));
     CREATE INDEX node_evidence_object ON node_evidence (object_id);
     CREATE TABLE node_receipts_issued (message_id ${TEXT} NOT NULL, modified ${TEXT} NOT NULL, signature TEXT NOT NULL,
       json TEXT NOT NULL, PRIMARY KEY (message_id, modified));
     CREATE TABLE node_receipts_held (seq BIGINT GENERATED ALWAYS AS IDENTITY, message_id ${TEXT} NOT NULL,
       recipient ${TEXT} NOT NULL, json TEXT NOT NULL, PRIMARY KEY (message_id, recipient));
     CREATE TABLE node_deliveries (message_id ${TEXT} NOT NULL, recipient ${TEXT} NOT NULL, outcome TEXT NOT NULL,
       reason TEXT, at TEXT NOT NULL, PRIMARY KEY (message_id, recipient));`,
  ]),
});

/** The node runtime's own records on PostgreSQL (tables of `pgNodeMigrations`). */
export class PgNodeRecords implements NodeRecordStore {
  readonly #db: PgExecutor;

  constructor(db: PgExecutor) {
    this.#db = db;
  }

  async getState(key: string): Promise<string | undefined> {
    return (await this.#db.row<{ value: string }>('SELECT value FROM node_state WHERE key = $1', [key]))?.value;
  }

  async setState(key: string, value: string): Promise<void> {
    await this.#db.run('INSERT INTO node_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async putCredentials(c: CounterpartCredentials): Promise<void> {
    await this.#db.run(`INSERT INTO node_credentials (party_id, username, password) VALUES ($1, $2, $3)
      ON CONFLICT (party_id) DO UPDATE SET username = excluded.username, password = excluded.password`, [c.partyId, c.username, c.password]);
  }

  async getCredentials(partyId: string): Promise<CounterpartCredentials | undefined> {
    const row = await this.#db.row<{ username: string; password: string }>('SELECT username, password FROM node_credentials WHERE party_id = $1', [partyId]);
    return row && { partyId, username: row.username, password: row.password };
  }

  async putEvidence(messageId: string, objects: readonly StixObject[]): Promise<void> {
    if (objects.length === 0) return;
    await this.#db.run(`INSERT INTO node_evidence (message_id, object_id, json) SELECT $1, o, j FROM unnest($2::text[], $3::text[]) AS u(o, j)
      ON CONFLICT DO NOTHING`, [messageId, objects.map((o) => o.id), objects.map((o) => JSON.stringify(o))]);
  }

  async evidenceOf(messageId: string): Promise<StixObject[]> {
    return (await this.#db.rows<{ json: string }>('SELECT json FROM node_evidence WHERE message_id = $1 ORDER BY object_id', [messageId]))
      .map((r) => JSON.parse(r.json) as StixObject);
  }

  async messagesCarrying(objectId: string): Promise<string[]> {
    return (await this.#db.rows<{ message_id: string }>('SELECT message_id FROM node_evidence WHERE object_id = $1', [objectId])).map((r) => r.message_id);
  }

  async putIssuedReceipt(receipt: TransportReceipt, signature: string): Promise<void> {
    await this.#db.run('INSERT INTO node_receipts_issued (message_id, modified, signature, json) VALUES ($1, $2, $3, $4)',
      [receipt.message_id, receipt.message_modified, signature, JSON.stringify(receipt)]);
  }

  async issuedReceipt(messageId: string, modified: string): Promise<{ signature: string; receipt: TransportReceipt } | undefined> {
    const row = await this.#db.row<{ signature: string; json: string }>('SELECT signature, json FROM node_receipts_issued WHERE message_id = $1 AND modified = $2', [messageId, modified]);
    return row && { signature: row.signature, receipt: JSON.parse(row.json) as TransportReceipt };
  }

  async putHeldReceipt(receipt: TransportReceipt): Promise<void> {
    await this.#db.run(`INSERT INTO node_receipts_held (message_id, recipient, json) VALUES ($1, $2, $3)
      ON CONFLICT (message_id, recipient) DO UPDATE SET json = excluded.json`, [receipt.message_id, receipt.recipient_ref, JSON.stringify(receipt)]);
  }

  async heldReceipt(messageId: string, recipient: string): Promise<TransportReceipt | undefined> {
    const row = await this.#db.row<{ json: string }>('SELECT json FROM node_receipts_held WHERE message_id = $1 AND recipient = $2', [messageId, recipient]);
    return row && (JSON.parse(row.json) as TransportReceipt);
  }

  async heldReceipts(): Promise<TransportReceipt[]> {
    return (await this.#db.rows<{ json: string }>('SELECT json FROM node_receipts_held ORDER BY seq')).map((r) => JSON.parse(r.json) as TransportReceipt);
  }

  async putDelivery(d: DeliveryRecord): Promise<void> {
    await this.#db.run(`INSERT INTO node_deliveries (message_id, recipient, outcome, reason, at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (message_id, recipient) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason, at = excluded.at`,
    [d.messageId, d.recipient, d.outcome, d.reason ?? null, d.at]);
  }

  async delivery(messageId: string, recipient: string): Promise<DeliveryRecord | undefined> {
    const row = await this.#db.row<{ outcome: DeliveryRecord['outcome']; reason: string | null; at: string }>(
      'SELECT outcome, reason, at FROM node_deliveries WHERE message_id = $1 AND recipient = $2', [messageId, recipient]);
    return row && { messageId, recipient, outcome: row.outcome, ...(row.reason === null ? {} : { reason: row.reason }), at: row.at };
  }
}
