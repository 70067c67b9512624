import type { Message } from '../hotline/message.ts';
import { VerifiedCheckpoints } from '../ledger/checkpoint.ts';
import { objectDigest } from '../ledger/log-entry.ts';
import type { DeliveryResult } from '../federation/delivery-transport.ts';
import { checkTransportReceipt } from '../federation/transport-receipt.ts';
import type { DeliveryRecord } from '../store/node-record-store.ts';
import type { ParleyNode } from './parley-node.ts';

/** One message's outcome in a batch delivered to one recipient. */
export interface BatchOutcome {
  message: Message;
  result: DeliveryResult;
}

/** One outcome checked (its receipt verified), ready to file. */
export interface CheckedOutcome {
  record: DeliveryRecord;
  result: DeliveryResult;
}

/**
 * Records the outcomes of one batch delivered to `recipient` in ONE transaction, as recordDelivery would one by one:
 * every receipt is checked on its own against the recipient's published keys (its signature and its inclusion
 * proof; a checkpoint shared by several receipts has its signature checked once), a good one is stored with its
 * message, each distinct checkpoint not held before is logged once as `checkpoint-received`, and a bad receipt
 * counts as a failed delivery. Returns one record per outcome, in order.
 */
export async function recordDeliveries(node: ParleyNode, recipient: string, outcomes: readonly BatchOutcome[]): Promise<DeliveryRecord[]> {
  const checked = await checkDeliveries(node, recipient, outcomes);
  await node.store.transaction(() => fileDeliveries(node, recipient, checked));
  return checked.map((c) => c.record);
}

/** The checking half of recordDeliveries (no write): each outcome with the record it will leave. */
export async function checkDeliveries(node: ParleyNode, recipient: string, outcomes: readonly BatchOutcome[]): Promise<CheckedOutcome[]> {
  const at = new Date().toISOString();
  const party = await node.store.hotline.getParty(recipient);
  const verified = new VerifiedCheckpoints();
  return outcomes.map(({ message, result }): CheckedOutcome => {
    if (result.outcome !== 'delivered') {
      const reason = result.outcome === 'rejected' ? `${result.code}: ${result.reason}` : result.reason;
      return { result, record: { messageId: message.id, recipient, outcome: result.outcome, reason, at } };
    }
    const problem = party ? checkTransportReceipt(result.receipt, message, party, { verified, digests: node.digests }) : 'recipient unknown';
    return problem === null
      ? { result, record: { messageId: message.id, recipient, outcome: 'delivered', at } }
      : { result, record: { messageId: message.id, recipient, outcome: 'failed', reason: `bad receipt: ${problem}`, at } };
  });
}

/** The writing half of recordDeliveries, inside the caller's transaction: receipts, checkpoints logged, records. */
export async function fileDeliveries(node: ParleyNode, recipient: string, checked: readonly CheckedOutcome[]): Promise<void> {
  const { records } = node.store;
  const logged = new Set<string>();
  for (const { record, result } of checked) {
    if (record.outcome === 'delivered' && result.outcome === 'delivered') {
      const held = await records.heldReceipt(record.messageId, recipient);
      await records.putHeldReceipt(result.receipt);
      const cp = result.receipt.checkpoint;
      if ((!held || held.checkpoint.signature !== cp.signature) && !logged.has(cp.signature)) {
        logged.add(cp.signature);
        await node.log.append({ kind: 'checkpoint-received', object_id: cp.origin, object_modified: cp.timestamp, digest: objectDigest(cp), detail: { message_id: record.messageId } });
      }
    }
    await records.putDelivery(record);
  }
}
