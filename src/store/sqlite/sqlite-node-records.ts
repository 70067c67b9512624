import type { StixObject, TransportReceipt } from '../../federation/delivery-transport.ts';
import type { CounterpartCredentials, DeliveryRecord, NodeRecordStore } from '../node-record-store.ts';
import type { SqliteDatabase } from './database.ts';

export { nodeMigrations } from './node-migrations.ts';

/** The node runtime's own records on SQLite; the caller runs `nodeMigrations` first. */
export class SqliteNodeRecords implements NodeRecordStore {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  async getState(key: string): Promise<string | undefined> {
    return this.#db.prepare<[string], { value: string }>('SELECT value FROM node_state WHERE key = ?').get(key)?.value;
  }

  async setState(key: string, value: string): Promise<void> {
    this.#db.prepare('INSERT INTO node_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  async putCredentials(c: CounterpartCredentials): Promise<void> {
    this.#db.prepare('INSERT INTO node_credentials (party_id, username, password) VALUES (?, ?, ?) ON CONFLICT (party_id) DO UPDATE SET username = excluded.username, password = excluded.password')
      .run(c.partyId, c.username, c.password);
  }

  async getCredentials(partyId: string): Promise<CounterpartCredentials | undefined> {
    const row = this.#db.prepare<[string], { username: string; password: string }>('SELECT username, password FROM node_credentials WHERE party_id = ?').get(partyId);
    return row && { partyId, username: row.username, password: row.password };
  }

  async putEvidence(messageId: string, objects: readonly StixObject[]): Promise<void> {
    const insert = this.#db.prepare('INSERT OR IGNORE INTO node_evidence (message_id, object_id, json) VALUES (?, ?, ?)');
    for (const o of objects) insert.run(messageId, o.id, JSON.stringify(o));
  }

  async evidenceOf(messageId: string): Promise<StixObject[]> {
    return this.#db.prepare<[string], { json: string }>('SELECT json FROM node_evidence WHERE message_id = ? ORDER BY object_id').all(messageId)
      .map((r) => JSON.parse(r.json) as StixObject);
  }

  async messagesCarrying(objectId: string): Promise<string[]> {
    return this.#db.prepare<[string], { message_id: string }>('SELECT message_id FROM node_evidence WHERE object_id = ?').all(objectId).map((r) => r.message_id);
  }

  async putIssuedReceipt(receipt: TransportReceipt, signature: string): Promise<void> {
    this.#db.prepare('INSERT INTO node_receipts_issued (message_id, modified, signature, json) VALUES (?, ?, ?, ?)')
      .run(receipt.message_id, receipt.message_modified, signature, JSON.stringify(receipt));
  }

  async issuedReceipt(messageId: string, modified: string): Promise<{ signature: string; receipt: TransportReceipt } | undefined> {
    const row = this.#db.prepare<[string, string], { signature: string; json: string }>('SELECT signature, json FROM node_receipts_issued WHERE message_id = ? AND modified = ?').get(messageId, modified);
    return row && { signature: row.signature, receipt: JSON.parse(row.json) as TransportReceipt };
  }

  async putHeldReceipt(receipt: TransportReceipt): Promise<void> {
    this.#db.prepare('INSERT INTO node_receipts_held (message_id, recipient, json) VALUES (?, ?, ?) ON CONFLICT (message_id, recipient) DO UPDATE SET json = excluded.json')
      .run(receipt.message_id, receipt.recipient_ref, JSON.stringify(receipt));
  }

  async heldReceipt(messageId: string, recipient: string): Promise<TransportReceipt | undefined> {
    const row = this.#db.prepare<[string, string], { json: string }>('SELECT json FROM node_receipts_held WHERE message_id = ? AND recipient = ?').get(messageId, recipient);
    return row && (JSON.parse(row.json) as TransportReceipt);
  }

  async heldReceipts(): Promise<TransportReceipt[]> {
    return this.#db.prepare<[], { json: string }>('SELECT json FROM node_receipts_held ORDER BY rowid').all().map((r) => JSON.parse(r.json) as TransportReceipt);
  }

  async putDelivery(d: DeliveryRecord): Promise<void> {
    this.#db.prepare('INSERT INTO node_deliveries (message_id, recipient, outcome, reason, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (message_id, recipient) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason, at = excluded.at')
      .run(d.messageId, d.recipient, d.outcome, d.reason ?? null, d.at);
  }

  async delivery(messageId: string, recipient: string): Promise<DeliveryRecord | undefined> {
    const row = this.#db.prepare<[string, string], { outcome: DeliveryRecord['outcome']; reason: string | null; at: string }>('SELECT outcome, reason, at FROM node_deliveries WHERE message_id = ? AND recipient = ?').get(messageId, recipient);
    return row && { messageId, recipient, outcome: row.outcome, ...(row.reason === null ? {} : { reason: row.reason }), at: row.at };
  }
}
