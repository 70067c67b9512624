import { ParleyError, isParleyError } from '../errors.ts';
import type { StixObject } from '../hotline/evidence.ts';
import type { Message } from '../hotline/message.ts';
import type { Party } from '../hotline/party.ts';
import { verifyIncoming, type IncomingContext } from '../hotline/verify-incoming.ts';
import type { TransportReceipt } from '../federation/transport-receipt.ts';
import type { ThreadOrder } from '../federation/thread-order.ts';
import { logMessage } from './commit-message.ts';
import type { SignedAgreements } from './signed-agreements.ts';
import type { ParleyNode } from './parley-node.ts';
import { applyReceived } from './received-order.ts';

/** What the inbox did with one message. */
export type ReceiveOutcome =
  | { outcome: 'accepted' | 'duplicate'; message: Message; receipt: TransportReceipt; heldFor?: string }
  | { outcome: 'rejected'; error: ParleyError };

const isObject = (v: unknown): v is StixObject => typeof v === 'object' && v !== null && typeof (v as StixObject).id === 'string' && typeof (v as StixObject).type === 'string';

/**
 * The inbox pipeline: a duplicate (same id, modified and signature) gets its original receipt again; anything else
 * is verified (verifyIncoming), logged (`message-received`) and given a signed receipt on arrival; it is applied
 * (stored with its evidence, deadlines created) through the thread order: at once, or — a reply that arrived before
 * the message it answers — held until that one is present. All in one transaction before the answer.
 */
export async function receiveMessage(
  node: ParleyNode, order: ThreadOrder, envelope: { message: unknown; evidence: unknown[] }, now: () => Date, signed?: SignedAgreements,
): Promise<ReceiveOutcome> {
  const duplicate = await issuedFor(node, envelope.message);
  if (duplicate) return duplicate;
  const { hotline } = node.store;
  const self = await hotline.getOwnParty();
  if (!self) return { outcome: 'rejected', error: new ParleyError('UNAVAILABLE', 'this node has no own party') };
  const objects = evidenceObjects(envelope.evidence);
  const verdict = await verifyIncoming(envelope.message, objects, incomingContext(node, self, signed));
  if (!verdict.ok) return { outcome: 'rejected', error: verdict.error };
  const message = verdict.message;
  try {
    const arrival = await node.store.transaction(async () => {
      // A delivery of the same version that raced this one and won: hand out its receipt.
      const earlier = await issuedMeanwhile(node, message);
      if (earlier) return earlier;
      const at = now().toISOString();
      const leafIndex = await logMessage(node, { message, direction: 'received', at });
      const proof = await node.log.receiptFor(leafIndex);
      const receipt: TransportReceipt = {
        type: 'x-parley-receipt', message_id: message.id, message_modified: message.modified, recipient_ref: self.id, received_at: at,
        leaf_index: proof.leaf_index, checkpoint: proof.checkpoint, inclusion_proof: proof.inclusion_proof,
      };
      await node.store.records.putIssuedReceipt(receipt, message.signature!.value);
      const offered = await order.offer({ message, evidence: objects }, applyReceived(node, self, () => now().toISOString(), { messageId: message.id, agreement: verdict.agreement }));
      return { outcome: 'accepted' as const, message, receipt, ...(offered.status === 'held' ? { heldFor: offered.waitingFor } : {}) };
    });
    return arrival;
  } catch (error) {
    // Two deliveries of one message racing: the loser finds the winner's receipt.
    if (isParleyError(error, 'REPLAY')) return (await issuedFor(node, message)) ?? { outcome: 'rejected', error };
    if (error instanceof ParleyError) return { outcome: 'rejected', error };
    throw error;
  }
}

/**
 * Inside the receiving transaction, for a verified message: a receipt issued meanwhile under its id and version (a
 * delivery that raced this one and won) makes it a duplicate with that receipt when it is this very message (same
 * signature), else a REPLAY; undefined when there is none. One read serves both answers.
 */
export async function issuedMeanwhile(node: ParleyNode, message: Message): Promise<ReceiveOutcome | undefined> {
  const issued = await node.store.records.issuedReceipt(message.id, message.modified);
  if (!issued) return undefined;
  return issued.signature === message.signature!.value
    ? { outcome: 'duplicate', message, receipt: issued.receipt }
    : { outcome: 'rejected', error: new ParleyError('REPLAY', `message ${message.id} was already received`) };
}

/** The STIX objects among what arrived beside a message. */
export const evidenceObjects = (evidence: unknown[] | undefined): StixObject[] => (evidence ?? []).filter(isObject);

/** What verifyIncoming needs from the node (agreement verdicts remembered in `signed` when given). */
export function incomingContext(node: ParleyNode, self: Party, signed?: SignedAgreements): IncomingContext {
  const { hotline } = node.store;
  return {
    ownPartyRef: self.id,
    findParty: (id) => hotline.getParty(id),
    hasMessage: (id) => hotline.hasMessage(id),
    agreementVersions: (id) => hotline.getAgreementVersions(id),
    findMessage: async (id) => (await hotline.getMessage(id))?.message,
    ...(signed ? { inForce: (versions, findParty) => signed.inForce(versions, findParty) } : {}),
  };
}

/** The receipt already issued for exactly this message version and signature (a duplicate delivery), if any. */
export async function issuedFor(node: ParleyNode, value: unknown): Promise<ReceiveOutcome | undefined> {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Partial<Message>;
  if (typeof m.id !== 'string' || typeof m.modified !== 'string' || typeof m.signature?.value !== 'string') return undefined;
  const issued = await node.store.records.issuedReceipt(m.id, m.modified);
  if (!issued || issued.signature !== m.signature.value) return undefined;
  return { outcome: 'duplicate', message: value as Message, receipt: issued.receipt };
}
