import { ParleyError } from '../errors.ts';
import type { TransportReceipt } from '../federation/transport-receipt.ts';
import { checkTransportReceipt } from '../federation/transport-receipt.ts';
import { recordDelivery } from './delivery-recorder.ts';
import type { ParleyNode } from './parley-node.ts';

/** Completes a published (pull-mode) delivery with its receipt; false when none is waiting (the Outbox's confirm). */
export type ConfirmReceipt = (receipt: TransportReceipt) => Promise<boolean>;

export const RECEIPT_TYPE = 'x-parley-receipt';

const str = (o: Record<string, unknown>, k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);

/**
 * A transport receipt a pulling counterpart POSTed back to this node's inbox: it must be for a message this node
 * sent to the receipt's issuer, come from an account linked to that issuer (or an unlinked one) and verify with the
 * issuer's published key. Then the published delivery is confirmed (`delivered`) and the receipt filed with the sent
 * message, its checkpoint logged `checkpoint-received`; a receipt filed already changes nothing.
 */
export async function acceptReceipt(node: ParleyNode, value: unknown, account: string | undefined, confirm: ConfirmReceipt | undefined): Promise<void> {
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const messageId = str(o, 'message_id');
  const modified = str(o, 'message_modified');
  const issuer = str(o, 'recipient_ref');
  if (o.type !== RECEIPT_TYPE || !messageId || !modified || !issuer) throw new ParleyError('BAD_REQUEST', 'a receipt needs message_id, message_modified and recipient_ref');
  const linked = account === undefined ? undefined : await node.store.links.accountParty(account);
  if (linked !== undefined && linked !== issuer) throw new ParleyError('FORBIDDEN', `account ${account} belongs to ${linked}; it may not post receipts of ${issuer}`);
  const stored = await node.store.hotline.getMessage(messageId, modified);
  if (!stored || stored.direction !== 'sent' || !stored.message.recipient_refs.includes(issuer)) {
    throw new ParleyError('NOT_FOUND', `this node sent no message ${messageId} (${modified}) to ${issuer}`);
  }
  const party = await node.store.hotline.getParty(issuer);
  const receipt = value as TransportReceipt;
  const problem = party ? checkTransportReceipt(receipt, stored.message, party) : 'issuer unknown';
  if (problem !== null) throw new ParleyError('SIGNATURE_INVALID', `bad receipt for ${messageId}: ${problem}`);
  // The outbox files it through its onDelivered hook; a receipt with no delivery waiting (already confirmed, or
  // the message was published by an earlier run) is filed directly — recordDelivery logs a checkpoint only once.
  if (confirm && (await confirm(receipt))) return;
  const record = await recordDelivery(node, stored.message, issuer, { outcome: 'delivered', receipt });
  if (record.outcome !== 'delivered') throw new ParleyError('SIGNATURE_INVALID', record.reason ?? 'receipt refused');
}

/**
 * A message POSTed to the inbox by an account linked to party P must be sent by P. Unlinked accounts are not
 * checked (compatibility with nodes set up before accounts were linked); the signature check still applies.
 */
export async function checkSenderAccount(node: ParleyNode, message: Record<string, unknown>, account: string | undefined): Promise<void> {
  if (account === undefined) return;
  const linked = await node.store.links.accountParty(account);
  const sender = str(message, 'sender_ref');
  if (linked !== undefined && sender !== linked) {
    throw new ParleyError('FORBIDDEN', `account ${account} belongs to ${linked}; it may not deliver messages sent by ${sender ?? '(no sender)'}`);
  }
}
