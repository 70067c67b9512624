import type { Message } from '../hotline/message.ts';
import type { StixObject } from '../hotline/evidence.ts';
import type { TransportReceipt } from './transport-receipt.ts';

export type { TransportReceipt } from './transport-receipt.ts';

/** Where and how to deliver to one party: its TAXII API root, inbox collection and the account it gave us. */
export interface DeliveryTarget {
  partyId: string;
  apiRoot: string;
  inboxCollection: string;
  credentials: { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };
}

/** The outcome of one delivery attempt. */
export type DeliveryResult =
  | { outcome: 'delivered'; receipt: TransportReceipt }
  | { outcome: 'rejected'; code: string; reason: string }
  | { outcome: 'failed'; reason: string; retryable: true };

/** Delivers one signed message with its evidence to one party's inbox. */
export interface DeliveryTransport {
  deliver(target: DeliveryTarget, envelope: { message: Message; evidence: StixObject[] }, signal?: AbortSignal): Promise<DeliveryResult>;
}

/** The seam the hotline service calls after it stored and logged a sent message. */
export interface Dispatcher {
  dispatch(message: Message, evidence: StixObject[], recipients: readonly string[]): Promise<void>;
}
