import { isParleyError } from '../../errors.ts';
import type { StixObject } from '../../hotline/evidence.ts';
import { messageTlp, type Message } from '../../hotline/message.ts';
import { verifyObjectSignature } from '../../hotline/signature.ts';
import type { StoredMessage } from '../../store/hotline-store.ts';
import type { ApiReadNode, DeliveryView } from '../api-node.ts';
import { findEvidence } from './evidence-lookup.ts';
import { entryKey, type IndexedEntry } from './log-index.ts';
import type { PartyDirectory } from './party-directory.ts';
import { ownReceipt, transportReceipt, type ReceiptView } from './receipt-view.ts';

/** The signed message plus the read-only names the console reads (tlp, language, in_reply_to, …). */
export type MessageObjectView = Message & Record<string, unknown>;

/** A message in a thread (api-contract: MessageView). */
export interface MessageView {
  message: MessageObjectView;
  direction: 'sent' | 'received';
  signature_verified: boolean;
  receipt: ReceiptView | null;
  evidence: StixObject[];
  delivery: Pick<DeliveryView, 'state' | 'attempts' | 'last_error'> | null;
}

/**
 * Adds the console's names beside the signed properties. Nothing signed is changed or removed, so the object
 * minus the added names still verifies; the added names are listed in docs/api.md.
 */
export function withConsoleNames(message: Message, evidence: readonly StixObject[]): MessageObjectView {
  const incident = evidence.find((o) => o.id === message.incident_ref);
  const aliases: Record<string, unknown> = {
    tlp: messageTlp(message),
    language: message.lang,
    ...(message.in_reply_to_ref === undefined ? {} : { in_reply_to: message.in_reply_to_ref }),
    ...(message.requested_action === undefined ? {} : { asked_action: message.requested_action }),
    ...(message.activity_start === undefined ? {} : { planned_start: message.activity_start }),
    ...(message.activity_end === undefined ? {} : { planned_end: message.activity_end }),
    ...(message.incident_ref === undefined ? {} : { incident: typeof incident?.name === 'string' ? incident.name : message.incident_ref }),
  };
  return { ...message, ...aliases };
}

/** Everything a message view needs besides the message: the parties, the log index and the node. */
export interface MessageViewContext {
  node: ApiReadNode;
  directory: PartyDirectory;
  logIndex: ReadonlyMap<string, IndexedEntry>;
  deliveries: readonly DeliveryView[];
}

/** Builds a MessageView: signature re-verified against the sender's keys, receipt verified, evidence found by hash. */
export async function messageView(stored: StoredMessage, ctx: MessageViewContext): Promise<MessageView> {
  const { message, direction } = stored;
  const sender = ctx.directory.find(message.sender_ref);
  const kept = ctx.node.evidenceOf && message.attachments.length > 0 ? await ctx.node.evidenceOf(message) : [];
  const evidence = await findEvidence(ctx.node.store, message.attachments, kept);
  let receipt: ReceiptView | null = null;
  if (direction === 'received') {
    const logged = ctx.logIndex.get(entryKey('message-received', message.id));
    if (logged) receipt = await ownReceipt(ctx.node.log, ctx.directory.self, logged);
  } else if (ctx.node.receiptOf) {
    const recipient = message.recipient_refs[0];
    const returned = await ctx.node.receiptOf(message.id, recipient).catch((error: unknown) => {
      if (isParleyError(error, 'NOT_FOUND')) return undefined;
      throw error;
    });
    receipt = transportReceipt(returned, message, ctx.directory.find(recipient));
  }
  const delivery = ctx.deliveries.find((d) => d.message_id === message.id);
  return {
    message: withConsoleNames(message, evidence),
    direction,
    signature_verified: sender !== undefined && verifyObjectSignature(message, sender).ok,
    receipt,
    evidence,
    delivery: delivery ? { state: delivery.state, attempts: delivery.attempts, last_error: delivery.last_error } : null,
  };
}
