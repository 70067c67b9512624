import { createHash } from 'node:crypto';
import { ParleyError } from '../errors.ts';
import type { DeliveryRoute } from '../federation/outbox-options.ts';
import type { OutboxCollectionWriter } from '../federation/outbox-collection.ts';
import type { StixObject } from '../store/object-store.ts';
import { deliveryTarget } from './delivery-recorder.ts';
import type { ParleyNode } from './parley-node.ts';

/**
 * The id of the outbox collection a publishing node keeps for one counterpart: derived from both party ids, so the
 * pulling node can compute it without being told (a UUID-shaped SHA-256 prefix, version nibble 8).
 */
export function outboxCollectionId(publisherId: string, recipientId: string): string {
  const h = createHash('sha256').update(`parley-outbox\n${publisherId}\n${recipientId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A counterpart of this node (not itself), or UNKNOWN_PARTY / BAD_REQUEST. */
async function counterpart(node: ParleyNode, partyId: string) {
  if (partyId === node.self.id) throw new ParleyError('BAD_REQUEST', 'delivery modes are for counterparts, not this node');
  const party = await node.store.hotline.getParty(partyId);
  if (!party) throw new ParleyError('UNKNOWN_PARTY', `${partyId} is not a known party`);
  return party;
}

/**
 * `pull`: messages to the party are published in its outbox collection on this node (created on first use, readable
 * only by the accounts linked to the party); `push`: they go to its inbox again. Returns the collection id (pull)
 * and the accounts that can read it.
 */
export async function setOutgoingMode(node: ParleyNode, partyId: string, mode: 'push' | 'pull'): Promise<{ collection?: string; accounts: string[] }> {
  const party = await counterpart(node, partyId);
  const accounts = await node.store.links.partyAccounts(partyId);
  if (mode === 'push') {
    await node.store.links.setOutgoing(partyId, 'push');
    return { accounts };
  }
  const collection = outboxCollectionId(node.self.id, partyId);
  if (!(await node.store.collections.collection(collection))) {
    await node.store.collections.addCollection({ id: collection, title: `Parley outbox for ${party.name}`, description: `Messages from this node to ${partyId}, for it to fetch` });
  }
  for (const account of accounts) await node.store.accounts.grant(account, [{ collection, canRead: true, canWrite: false }]);
  await node.store.links.setOutgoing(partyId, 'pull', collection);
  return { collection, accounts };
}

/** Links an existing TAXII account to a counterpart; it may then read the party's outbox collection, if any. */
export async function linkAccount(node: ParleyNode, account: string, partyId: string): Promise<void> {
  await counterpart(node, partyId);
  if (!(await node.store.accounts.get(account))) throw new ParleyError('NOT_FOUND', `account ${account} does not exist (parley account add)`);
  const other = await node.store.links.accountParty(account);
  if (other !== undefined && other !== partyId) throw new ParleyError('CONFLICT', `account ${account} is already linked to ${other}`);
  await node.store.links.linkAccount(account, partyId);
  const { outgoing, outboxCollection } = await node.store.links.delivery(partyId);
  if (outgoing === 'pull' && outboxCollection) await node.store.accounts.grant(account, [{ collection: outboxCollection, canRead: true, canWrite: false }]);
}

/** The outbox route of a party: its outbox collection when it pulls, else its inbox with the account it gave us. */
export async function routeFor(node: ParleyNode, partyId: string): Promise<DeliveryRoute | undefined> {
  if ((await node.store.links.delivery(partyId)).outgoing === 'pull') return { mode: 'pull' };
  return { mode: 'push', target: await deliveryTarget(node, partyId) };
}

/** The OutboxCollectionWriter of a node: its TAXII object store, into the recipient's outbox collection. */
export function taxiiOutboxWriter(node: ParleyNode): OutboxCollectionWriter {
  return {
    async write(partyId, objects) {
      const { outgoing, outboxCollection } = await node.store.links.delivery(partyId);
      if (outgoing !== 'pull' || !outboxCollection) throw new ParleyError('CONFLICT', `${partyId} does not pull from this node`);
      // One transaction; the store gives each new object a strictly later date_added in the order given (evidence first).
      await node.store.objects.put(outboxCollection, objects as unknown as StixObject[]);
    },
  };
}
