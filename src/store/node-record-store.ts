import type { StixObject, TransportReceipt } from '../federation/delivery-transport.ts';

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

/**
 * The node runtime's own records: node state, counterpart credentials, evidence, issued and held receipts, delivery
 * outcomes. Calls made inside `Store.transaction` join it.
 */
export interface NodeRecordStore {
  getState(key: string): Promise<string | undefined>;
  setState(key: string, value: string): Promise<void>;
  putCredentials(c: CounterpartCredentials): Promise<void>;
  getCredentials(partyId: string): Promise<CounterpartCredentials | undefined>;
  putEvidence(messageId: string, objects: readonly StixObject[]): Promise<void>;
  evidenceOf(messageId: string): Promise<StixObject[]>;
  /** The messages an object arrived with (to judge forwarding it on). */
  messagesCarrying(objectId: string): Promise<string[]>;
  putIssuedReceipt(receipt: TransportReceipt, signature: string): Promise<void>;
  issuedReceipt(messageId: string, modified: string): Promise<{ signature: string; receipt: TransportReceipt } | undefined>;
  putHeldReceipt(receipt: TransportReceipt): Promise<void>;
  heldReceipt(messageId: string, recipient: string): Promise<TransportReceipt | undefined>;
  heldReceipts(): Promise<TransportReceipt[]>;
  putDelivery(d: DeliveryRecord): Promise<void>;
  delivery(messageId: string, recipient: string): Promise<DeliveryRecord | undefined>;
}
