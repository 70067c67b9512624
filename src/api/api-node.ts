import type { MerkleLog } from '../ledger/merkle-log.ts';
import type { StixObject } from '../hotline/evidence.ts';
import type { Message } from '../hotline/message.ts';
import type { MessageKind } from '../hotline/message-kinds.ts';
import type { Party } from '../hotline/party.ts';
import type { TlpLevel } from '../hotline/tlp.ts';
import type { HotlineStore, StoredMessage } from '../store/hotline-store.ts';
import type { LogStore } from '../store/log-store.ts';
import type { SqliteStore } from '../store/sqlite/sqlite-store.ts';

/** A message to send, as the hotline service takes it (docs/service-contract: ComposeDraft). */
export interface ComposeDraft {
  kind: MessageKind;
  to: string[];
  thread_id?: string;
  in_reply_to?: string;
  priority: 'routine' | 'urgent' | 'flash';
  tlp: TlpLevel;
  language: string;
  subject: string;
  body: string;
  /** Kind fields under the message model's names (sector, severity, incident, request_type, requested_action, …). */
  fields?: Record<string, unknown>;
  evidence?: StixObject[];
  evidence_refs?: { collection_id: string; object_id: string }[];
}

/** The commands of the node's hotline service the API calls (a subset of A1's HotlineService). */
export interface ApiHotlineService {
  send(draft: ComposeDraft, actor: string): Promise<StoredMessage>;
  acknowledge(messageId: string, input: { body?: string }, actor: string): Promise<StoredMessage>;
  respond(messageId: string, input: { body: string; findings?: string; actions_taken?: string; evidence?: StixObject[] }, actor: string): Promise<StoredMessage>;
  close(messageId: string, input: { outcome: string; body?: string }, actor: string): Promise<StoredMessage>;
  consult(messageId: string, input: { subject?: string; body: string }, actor: string): Promise<StoredMessage>;
  ping(partyId: string, actor: string): Promise<StoredMessage>;
  /** The transport receipt a recipient returned for a sent message (shape checked where it is read). */
  receiptOf(messageId: string, recipient: string): Promise<unknown>;
  /** The objects stored with a message (sent or received) by the node runtime. */
  evidenceOf?(message: Message): Promise<StixObject[]>;
}

/** One delivery of the outbox as `GET /api/outbox` lists it (issue 5). */
export interface DeliveryView {
  message_id: string;
  recipient: string;
  state: 'queued' | 'delivered' | 'failing' | 'given-up' | 'rejected' | 'published';
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
}

/** What the read side of the API needs from a node: its stores, its log and its own party. */
export interface ApiReadNode {
  readonly store: SqliteStore & { readonly hotline: HotlineStore; readonly log: LogStore };
  readonly log: MerkleLog;
  readonly self: Party;
  /** The outbox once the node has one (issue 5); absent until then. */
  readonly outbox?: { deliveries(): Promise<DeliveryView[]> };
  /** Receipts returned by recipients of sent messages, when the node keeps them. */
  receiptOf?(messageId: string, recipient: string): Promise<unknown>;
  /** The objects the node stored with a message, when it keeps them beside its TAXII collections. */
  evidenceOf?(message: Message): Promise<StixObject[]>;
}

/** The node as `createApiRoutes` takes it: the structural part of A1's ParleyNode the API uses. */
export interface ApiNode {
  readonly store: ApiReadNode['store'] & { readonly outbox?: unknown };
  readonly log: MerkleLog;
  readonly self: Party;
  readonly service: ApiHotlineService;
}
