import type { Agreement } from '../hotline/agreement.ts';
import { applyAnswer, deadlinesFor } from '../hotline/deadlines.ts';
import type { StixObject } from '../hotline/evidence.ts';
import type { Message } from '../hotline/message.ts';
import type { Party } from '../hotline/party.ts';
import { regulatoryClocks } from '../hotline/regulatory-clocks.ts';
import { encodeLogEntry } from '../ledger/log-entry.ts';
import { receivedEntry } from '../federation/transport-receipt.ts';
import type { MessageDirection, StoredMessage } from '../store/hotline-store.ts';
import type { ParleyNode } from './parley-node.ts';

/** A message ready to commit, with what its bookkeeping needs. */
export interface MessageCommit {
  message: Message;
  evidence: readonly StixObject[];
  direction: MessageDirection;
  agreement: Agreement;
  self: Party;
  /** Who sent it on this node (an operator or the CLI user); logged with a sent message. */
  actor?: string;
  at: string;
  /** Queues the message's deliveries in the same transaction (after its log entry). */
  queue?: () => Promise<void>;
}

/**
 * Stores a message, its evidence, its log entry, its deadlines, its regulatory clocks, the deadlines it answers and
 * (through `queue`) its deliveries, inside a transaction the caller holds (the node's group commit, `commitInGroup`,
 * runs several in one). Returns the stored message and its log index.
 */
export async function commitSteps(node: ParleyNode, c: MessageCommit): Promise<{ stored: StoredMessage; leafIndex: number }> {
  const stored = await applyMessage(node, c);
  const leafIndex = await logMessage(node, c);
  await c.queue?.();
  return { stored, leafIndex };
}

/** Appends the message's `message-sent` or `message-received` entry to the log; returns its index. */
export async function logMessage(node: ParleyNode, c: Pick<MessageCommit, 'message' | 'direction' | 'actor' | 'at'>): Promise<number> {
  return node.store.log.append((index) => [
    encodeLogEntry(c.direction === 'received'
      ? receivedEntry(c.message, index, c.at, node.digests.of(c.message))
      : { index, kind: 'message-sent', object_id: c.message.id, object_modified: c.message.modified, digest: node.digests.of(c.message), logged_at: c.at,
        detail: { recipients: c.message.recipient_refs, ...(c.actor ? { actor: c.actor } : {}) } }),
  ]);
}

/**
 * Makes a message visible without logging it: stores it with its evidence, its deadlines, its regulatory clocks and
 * the deadlines it answers (the receiving side applies a reply only once its predecessor is present).
 */
export async function applyMessage(node: ParleyNode, c: Omit<MessageCommit, 'actor'>): Promise<StoredMessage> {
  const { hotline, records } = node.store;
  return node.store.transaction(async () => {
    const stored = await hotline.putMessage(c.message, c.direction, c.at);
    await records.putEvidence(c.message.id, c.evidence.filter((o) => c.message.attachments.some((a) => a.object_ref === o.id)));
    // The sender tracks what every recipient owes; a recipient tracks only what it owes itself.
    for (const deadline of deadlinesFor(c.message, c.agreement)) {
      if (c.direction === 'sent' || deadline.owedBy === c.self.id) await hotline.putDeadline(deadline);
    }
    if (c.message.kind === 'notification' && c.message.regulatory_reporting) {
      await hotline.putRegulatoryClocks(regulatoryClocks(c.message.regulatory_reporting).map((clock) => ({ ...clock, messageId: c.message.id })));
    }
    if (c.message.in_reply_to_ref !== undefined) {
      for (const deadline of await hotline.listDeadlines({ threadId: c.message.thread_id })) {
        const next = applyAnswer(deadline, c.message);
        if (next !== deadline) await hotline.putDeadline(next);
      }
    }
    return stored;
  });
}
