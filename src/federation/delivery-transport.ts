/**
 * The delivery contract between the hotline service and the federation layer (/work/notes/federation-contract.md).
 * The hotline integration implements `DeliveryTransport`; the outbox calls it and implements `Dispatcher`.
 */
import type { StixObject as EvidenceObject } from '../hotline/evidence.ts';
import type { Message } from '../hotline/message.ts';
import type { TransportReceipt } from './transport-receipt.ts';

export type { TransportReceipt } from './transport-receipt.ts';

/** Any STIX object carried beside a message (the hotline's evidence type). */
export type StixObject = EvidenceObject;

/** Where and how to deliver to one party: its TAXII API root, inbox collection and the account it gave us. */
export interface DeliveryTarget {
  partyId: string;
  apiRoot: string;
  inboxCollection: string;
  credentials: { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };
}

/** The outcome of one delivery attempt. */
export type DeliveryResult =
  | { outcome: 'delivered'; receipt: TransportReceipt } // accepted or recognised duplicate
  | { outcome: 'rejected'; code: string; reason: string } // permanent: recipient refused it (4xx / failure)
  | { outcome: 'failed'; reason: string; retryable: true }; // network error, timeout, 5xx, garbage answer

/** One message with the evidence it carries. */
export interface DeliveryEnvelope {
  message: Message;
  evidence: StixObject[];
}

/** POSTs one envelope to a recipient's inbox collection and returns the verified receipt. */
export interface DeliveryTransport {
  deliver(target: DeliveryTarget, envelope: DeliveryEnvelope, signal?: AbortSignal): Promise<DeliveryResult>;
  /** Optional: delivers several messages to one recipient in one request; one result per message, in order. */
  deliverAll?(target: DeliveryTarget, envelopes: readonly DeliveryEnvelope[], signal?: AbortSignal): Promise<DeliveryResult[]>;
}

/** The seam the hotline service calls after it stored and logged a sent message. */
export interface Dispatcher {
  dispatch(message: Message, evidence: StixObject[], recipients: readonly string[]): Promise<void>;
  /**
   * Optional, for a dispatcher that queues in the node's own store: queues inside the caller's open store
   * transaction, so the deliveries commit with the sent message or not at all. The caller then runs the returned
   * function once that transaction committed, instead of calling `dispatch`.
   */
  queueWithin?(message: Message, evidence: StixObject[], recipients: readonly string[]): Promise<() => void>;
}
