import { ParleyError } from '../errors.ts';
import { versionInForce, type Agreement } from '../hotline/agreement.ts';
import type { StixObject } from '../hotline/evidence.ts';
import type { Message } from '../hotline/message.ts';
import type { Party } from '../hotline/party.ts';
import { ThreadOrder } from '../federation/thread-order.ts';
import type { OutboxEnvelope } from '../store/outbox-store.ts';
import { applyMessage } from './commit-message.ts';
import { partyIndex } from './compose-checks.ts';
import type { ParleyNode } from './parley-node.ts';

/** The receiving side's thread order over the node's stores: a reply is applied once the message it answers is present. */
export function receivedOrder(node: ParleyNode): ThreadOrder {
  return new ThreadOrder({ pending: node.store.pending, isPresent: (id) => node.store.hotline.hasMessage(id) });
}

/**
 * The apply step of a received message (ThreadOrder's `apply`): stores it with its evidence and creates its
 * deadlines. Idempotent: a message already stored is left as it is. `agreement` is the version the inbox verified it
 * under; a message released later is applied under its agreement's version in force then (or its latest version).
 */
export function applyReceived(node: ParleyNode, self: Party, at: () => string, verified?: { messageId: string; agreement: Agreement }) {
  return async (envelope: OutboxEnvelope): Promise<'applied' | 'present'> => {
    const { hotline } = node.store;
    const message = envelope.message as Message;
    if (await hotline.hasMessage(message.id)) return 'present';
    let agreement = verified?.messageId === message.id ? verified.agreement : undefined;
    if (!agreement) {
      const versions = await hotline.getAgreementVersions(message.agreement_ref);
      agreement = versionInForce(versions, await partyIndex(hotline)) ?? [...versions].sort((a, b) => b.version - a.version)[0];
    }
    if (!agreement) throw new ParleyError('AGREEMENT_NOT_IN_FORCE', `agreement ${message.agreement_ref} of held message ${message.id} is unknown`);
    await applyMessage(node, { message, evidence: envelope.evidence as StixObject[], direction: 'received', agreement, self, at: at() });
    return 'applied';
  };
}
