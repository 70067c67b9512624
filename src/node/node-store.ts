import type { HotlineStore } from '../store/hotline-store.ts';
import type { LeaseStore } from '../store/lease-store.ts';
import type { LogStore } from '../store/log-store.ts';
import type { NodeRecordStore } from '../store/node-record-store.ts';
import type { OutboxStore } from '../store/outbox-store.ts';
import type { PartyLinkStore } from '../store/party-link-store.ts';
import type { PullCursorStore } from '../store/pull-cursor-store.ts';
import type { SessionStore } from '../store/session-store.ts';
import type { Store } from '../store/store.ts';
import type { ThreadPendingStore } from '../store/thread-pending-store.ts';
import type { NodeDeliveries } from './node-deliveries.ts';

/**
 * Everything a node keeps, one sub-store per concern, all on one backend so that `transaction` spans them: TAXII,
 * hotline, ledger, the runtime's own records, the outbox, held early arrivals, operator sessions and the instances' leases.
 */
export type NodeStore = Store & {
  readonly hotline: HotlineStore;
  readonly log: LogStore;
  readonly records: NodeRecordStore;
  /** The outbox as its readers see it (`parley outbox`, `GET /api/outbox`). */
  readonly outbox: NodeDeliveries;
  /** The durable delivery rows the outbox worker drives. */
  readonly deliveries: OutboxStore;
  readonly pending: ThreadPendingStore;
  readonly sessions: SessionStore;
  /** Account ↔ party links and per-counterpart push/pull settings. */
  readonly links: PartyLinkStore;
  /** Where this node's polls of each publishing counterpart stand. */
  readonly pullCursors: PullCursorStore;
  /** Named leases, so that of several instances on one store one runs each background job. */
  readonly leases: LeaseStore;
};
