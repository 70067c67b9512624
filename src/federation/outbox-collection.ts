import type { Message } from '../hotline/message.ts';
import type { StixObject } from './delivery-transport.ts';

/**
 * The sending node's per-counterpart TAXII collection for pull mode, readable only by that counterpart's account.
 * The node backs it with the TAXII object store. `write` must be idempotent (a STIX object version written twice
 * is stored once) and must give the objects strictly increasing `date_added` in the order given.
 */
export interface OutboxCollectionWriter {
  write(partyId: string, objects: readonly (StixObject | Message)[]): Promise<void>;
}
