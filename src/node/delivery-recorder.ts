import { ParleyError } from '../errors.ts';
import type { Message } from '../hotline/message.ts';
import { partyExtension } from '../hotline/party.ts';
import { objectDigest } from '../ledger/log-entry.ts';
import type { DeliveryResult, DeliveryTarget } from '../federation/delivery-transport.ts';
import { checkTransportReceipt } from '../federation/transport-receipt.ts';
import type { DeliveryRecord } from '../store/node-record-store.ts';
import type { ParleyNode } from './parley-node.ts';

/** Where to deliver to a party: its published address and the account it gave this node. */
export async function deliveryTarget(node: ParleyNode, partyId: string): Promise<DeliveryTarget> {
  const party = await node.store.hotline.getParty(partyId);
  if (!party) throw new ParleyError('UNKNOWN_PARTY', `${partyId} is not a known party`);
  const credentials = await node.store.records.getCredentials(partyId);
  if (!credentials) throw new ParleyError('BAD_REQUEST', `no account for ${party.name} (${partyId}): run parley party credentials`);
  const { taxii } = partyExtension(party);
  return { partyId, apiRoot: taxii.api_root, inboxCollection: taxii.inbox_collection_id, credentials: { kind: 'basic', username: credentials.username, password: credentials.password } };
}

/**
 * Records a delivery attempt. A receipt is checked against the recipient's published keys first (a receipt that
 * does not verify counts as a failed delivery); a good one is stored with the message and its checkpoint logged
 * as `checkpoint-received`.
 */
export async function recordDelivery(node: ParleyNode, message: Message, recipient: string, result: DeliveryResult): Promise<DeliveryRecord> {
  const at = new Date().toISOString();
  const { records, hotline } = node.store;
  let record: DeliveryRecord;
  if (result.outcome === 'delivered') {
    const party = await hotline.getParty(recipient);
    const problem = party ? checkTransportReceipt(result.receipt, message, party) : 'recipient unknown';
    record = problem === null
      ? { messageId: message.id, recipient, outcome: 'delivered', at }
      : { messageId: message.id, recipient, outcome: 'failed', reason: `bad receipt: ${problem}`, at };
    if (problem === null) {
      await node.store.transaction(async () => {
        const held = await records.heldReceipt(message.id, recipient);
        await records.putHeldReceipt(result.receipt);
        if (!held || held.checkpoint.signature !== result.receipt.checkpoint.signature) {
          const cp = result.receipt.checkpoint;
          await node.log.append({ kind: 'checkpoint-received', object_id: cp.origin, object_modified: cp.timestamp, digest: objectDigest(cp), detail: { message_id: message.id } });
        }
        await records.putDelivery(record);
      });
      return record;
    }
  } else {
    record = { messageId: message.id, recipient, outcome: result.outcome, reason: result.outcome === 'rejected' ? `${result.code}: ${result.reason}` : result.reason, at };
  }
  await node.store.transaction(async () => records.putDelivery(record));
  return record;
}
