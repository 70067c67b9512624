import type { StixObject } from '../hotline/evidence.ts';
import type { TransportReceipt } from '../federation/transport-receipt.ts';
import type { SqliteDatabase } from '../store/sqlite/database.ts';

/** The account a counterpart gave this node on its own node. */
export interface CounterpartCredentials {
  partyId: string;
  username: string;
  password: string;
}

/** The last delivery outcome of a sent message to one recipient. */
export interface DeliveryRecord {
  messageId: string;
  recipient: string;
  outcome: 'delivered' | 'rejected' | 'failed';
  reason?: string;
  at: string;
}

/** The node runtime's own tables (synchronous: called inside the store's transactions). */
export class NodeRecords {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  getState(key: string): string | undefined {
    return this.#db.prepare<[string], { value: string }>('SELECT value FROM node_state WHERE key = ?').get(key)?.value;
  }

  setState(key: string, value: string): void {
    this.#db.prepare('INSERT INTO node_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  putCredentials(c: CounterpartCredentials): void {
    this.#db.prepare('INSERT INTO node_credentials (party_id, username, password) VALUES (?, ?, ?) ON CONFLICT (party_id) DO UPDATE SET username = excluded.username, password = excluded.password')
      .run(c.partyId, c.username, c.password);
  }

  getCredentials(partyId: string): CounterpartCredentials | undefined {
    const row = this.#db.prepare<[string], { username: string; password: string }>('SELECT username, password FROM node_credentials WHERE party_id = ?').get(partyId);
    return row && { partyId, username: row.username, password: row.password };
  }

  putEvidence(messageId: string, objects: readonly StixObject[]): void {
    const insert = this.#db.prepare('INSERT OR IGNORE INTO node_evidence (message_id, object_id, json) VALUES (?, ?, ?)');
    for (const o of objects) insert.run(messageId, o.id, JSON.stringify(o));
  }

  evidenceOf(messageId: string): StixObject[] {
    return this.#db.prepare<[string], { json: string }>('SELECT json FROM node_evidence WHERE message_id = ? ORDER BY object_id').all(messageId)
      .map((r) => JSON.parse(r.json) as StixObject);
  }

  /** The messages an object arrived with (to judge forwarding it on). */
  messagesCarrying(objectId: string): string[] {
    return this.#db.prepare<[string], { message_id: string }>('SELECT message_id FROM node_evidence WHERE object_id = ?').all(objectId).map((r) => r.message_id);
  }

  putIssuedReceipt(receipt: TransportReceipt, signature: string): void {
    this.#db.prepare('INSERT INTO node_receipts_issued (message_id, modified, signature, json) VALUES (?, ?, ?, ?)')
      .run(receipt.message_id, receipt.message_modified, signature, JSON.stringify(receipt));
  }

  issuedReceipt(messageId: string, modified: string): { signature: string; receipt: TransportReceipt } | undefined {
    const row = this.#db.prepare<[string, string], { signature: string; json: string }>('SELECT signature, json FROM node_receipts_issued WHERE message_id = ? AND modified = ?').get(messageId, modified);
    return row && { signature: row.signature, receipt: JSON.parse(row.json) as TransportReceipt };
  }

  putHeldReceipt(receipt: TransportReceipt): void {
    this.#db.prepare('INSERT INTO node_receipts_held (message_id, recipient, json) VALUES (?, ?, ?) ON CONFLICT (message_id, recipient) DO UPDATE SET json = excluded.json')
      .run(receipt.message_id, receipt.recipient_ref, JSON.stringify(receipt));
  }

  heldReceipt(messageId: string, recipient: string): TransportReceipt | undefined {
    const row = this.#db.prepare<[string, string], { json: string }>('SELECT json FROM node_receipts_held WHERE message_id = ? AND recipient = ?').get(messageId, recipient);
    return row && (JSON.parse(row.json) as TransportReceipt);
  }

  heldReceipts(): TransportReceipt[] {
    return this.#db.prepare<[], { json: string }>('SELECT json FROM node_receipts_held ORDER BY rowid').all().map((r) => JSON.parse(r.json) as TransportReceipt);
  }

  putDelivery(d: DeliveryRecord): void {
    this.#db.prepare('INSERT INTO node_deliveries (message_id, recipient, outcome, reason, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (message_id, recipient) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason, at = excluded.at')
      .run(d.messageId, d.recipient, d.outcome, d.reason ?? null, d.at);
  }

  delivery(messageId: string, recipient: string): DeliveryRecord | undefined {
    const row = this.#db.prepare<[string, string], { outcome: DeliveryRecord['outcome']; reason: string | null; at: string }>('SELECT outcome, reason, at FROM node_deliveries WHERE message_id = ? AND recipient = ?').get(messageId, recipient);
    return row && { messageId, recipient, outcome: row.outcome, ...(row.reason === null ? {} : { reason: row.reason }), at: row.at };
  }
}
