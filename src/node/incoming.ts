import { ParleyError, isParleyError } from '../errors.ts';
import type { StixObject } from '../hotline/evidence.ts';
import type { Message } from '../hotline/message.ts';
import { verifyIncoming } from '../hotline/verify-incoming.ts';
import { signTransportReceipt, type TransportReceipt } from '../federation/transport-receipt.ts';
import { commitMessage } from './commit-message.ts';
import type { ParleyNode } from './parley-node.ts';

/** What the inbox did with one message. */
export type ReceiveOutcome =
  | { outcome: 'accepted' | 'duplicate'; message: Message; receipt: TransportReceipt }
  | { outcome: 'rejected'; error: ParleyError };

const isObject = (v: unknown): v is StixObject => typeof v === 'object' && v !== null && typeof (v as StixObject).id === 'string' && typeof (v as StixObject).type === 'string';

/**
 * The inbox pipeline: a duplicate (same id, modified and signature) gets its original receipt again; anything else
 * is verified (verifyIncoming), then stored with its evidence, logged, given its deadlines and a signed receipt,
 * all in one transaction before the answer.
 */
export async function receiveMessage(node: ParleyNode, envelope: { message: unknown; evidence: unknown[] }, now: () => Date): Promise<ReceiveOutcome> {
  const duplicate = issuedFor(node, envelope.message);
  if (duplicate) return duplicate;
  const { hotline } = node.store;
  const self = await hotline.getOwnParty();
  if (!self) return { outcome: 'rejected', error: new ParleyError('UNAVAILABLE', 'this node has no own party') };
  const objects = (envelope.evidence ?? []).filter(isObject);
  const verdict = await verifyIncoming(envelope.message, objects, {
    ownPartyRef: self.id,
    findParty: (id) => hotline.getParty(id),
    hasMessage: (id) => hotline.hasMessage(id),
    agreementVersions: (id) => hotline.getAgreementVersions(id),
    findMessage: async (id) => (await hotline.getMessage(id))?.message,
  });
  if (!verdict.ok) return { outcome: 'rejected', error: verdict.error };
  const message = verdict.message;
  try {
    const receipt = await node.store.transaction(async () => {
      const at = now().toISOString();
      const { leafIndex } = await commitMessage(node, { message, evidence: objects, direction: 'received', agreement: verdict.agreement, self, at });
      const proof = await node.log.receiptFor(leafIndex);
      const signer = node.keyring.signer(self, Date.parse(at));
      const signed = signTransportReceipt({
        type: 'x-parley-receipt', message_id: message.id, message_modified: message.modified, recipient_ref: self.id, received_at: at,
        leaf_index: proof.leaf_index, checkpoint: proof.checkpoint, inclusion_proof: proof.inclusion_proof, key_id: signer.keyId,
      }, signer.privateKey);
      node.store.records.putIssuedReceipt(signed, message.signature!.value);
      return signed;
    });
    return { outcome: 'accepted', message, receipt };
  } catch (error) {
    // Two deliveries of one message racing: the loser finds the winner's receipt.
    if (isParleyError(error, 'REPLAY')) return issuedFor(node, message) ?? { outcome: 'rejected', error };
    if (error instanceof ParleyError) return { outcome: 'rejected', error };
    throw error;
  }
}

function issuedFor(node: ParleyNode, value: unknown): ReceiveOutcome | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Partial<Message>;
  if (typeof m.id !== 'string' || typeof m.modified !== 'string' || typeof m.signature?.value !== 'string') return undefined;
  const issued = node.store.records.issuedReceipt(m.id, m.modified);
  if (!issued || issued.signature !== m.signature.value) return undefined;
  return { outcome: 'duplicate', message: value as Message, receipt: issued.receipt };
}
