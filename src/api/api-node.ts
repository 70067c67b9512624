import type { MerkleLog } from '../ledger/merkle-log.ts';
import type { StixObject } from '../hotline/evidence.ts';
import type { Message } from '../hotline/message.ts';
import type { Party } from '../hotline/party.ts';
import type { HotlineStore } from '../store/hotline-store.ts';
import type { LogStore } from '../store/log-store.ts';
import type { HotlineService } from '../node/hotline-service.ts';
import type { SessionStore } from '../store/session-store.ts';
import type { Store } from '../store/store.ts';

export type { ComposeDraft } from '../node/hotline-service.ts';

/** The commands of the node's hotline service the API calls. */
export type ApiHotlineService = Pick<HotlineService, 'send' | 'acknowledge' | 'respond' | 'close' | 'consult' | 'ping' | 'receiptOf'>
  & Partial<Pick<HotlineService, 'evidenceOf'>>;

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
  readonly store: Store & { readonly hotline: HotlineStore; readonly log: LogStore; readonly sessions: SessionStore };
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
