import type { SignedCheckpoint } from '../../ledger/checkpoint.ts';
import { checkpointProblem } from '../../ledger/checkpoint.ts';
import { encodeLogEntry, logEntryProblem, type LogEntry } from '../../ledger/log-entry.ts';
import type { MerkleLog } from '../../ledger/merkle-log.ts';
import { verifyReceipt, type Receipt } from '../../ledger/receipt.ts';
import { publicKeyFromBase64url } from '../../ledger/sign.ts';
import { partyExtension, type Party } from '../../hotline/party.ts';
import type { IndexedEntry } from './log-index.ts';

/** A receipt as MessageView carries it: when the log took the message, the signed checkpoint, and whether inclusion verifies. */
export interface ReceiptView {
  received_at: string;
  checkpoint: SignedCheckpoint;
  leaf_index: number;
  inclusion_verified: boolean;
}

/** Checks a receipt against the leaf bytes and the key the checkpoint names in the origin's party record. */
export function verifiedReceipt(receipt: Receipt, leaf: Uint8Array | undefined, origin: Party | undefined, receivedAt: string): ReceiptView {
  const key = origin && partyExtension(origin).signing_keys.find((k) => k.key_id === receipt.checkpoint.key_id);
  const verified = leaf !== undefined && key !== undefined && receipt.checkpoint.origin === origin?.id
    && verifyReceipt(receipt, leaf, publicKeyFromBase64url(key.public_key)).ok;
  return { received_at: receivedAt, checkpoint: receipt.checkpoint, leaf_index: receipt.leaf_index, inclusion_verified: verified };
}

/** This node's own receipt for a logged entry (a received message): its log's checkpoint and inclusion proof. */
export async function ownReceipt(log: MerkleLog, self: Party, logged: IndexedEntry): Promise<ReceiptView> {
  const receipt = await log.receiptFor(logged.entry.index);
  return verifiedReceipt(receipt, logged.bytes, self, logged.entry.logged_at);
}

/**
 * A recipient's transport receipt for a sent message. Its shape belongs to the node runtime, so it is read
 * defensively: a Receipt (`checkpoint`, `leaf_index`, `inclusion_proof`) plus the recipient's log entry (`entry`)
 * or leaf bytes (`leaf`, base64) and `received_at`. Anything else is treated as no receipt.
 */
export function transportReceipt(value: unknown, recipient: Party | undefined): ReceiptView | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const inner = (typeof r.receipt === 'object' && r.receipt !== null ? r.receipt : r) as Record<string, unknown>;
  if (checkpointProblem(inner.checkpoint) !== null || !Number.isSafeInteger(inner.leaf_index) || !Array.isArray(inner.inclusion_proof)) return null;
  const receipt = inner as unknown as Receipt;
  const entry = (r.entry ?? inner.entry) as LogEntry | undefined;
  const leafText = r.leaf ?? inner.leaf;
  const leaf = typeof leafText === 'string' ? Buffer.from(leafText, 'base64')
    : entry !== undefined && logEntryProblem(entry) === null ? encodeLogEntry(entry) : undefined;
  const receivedAt = typeof r.received_at === 'string' ? r.received_at : entry?.logged_at ?? receipt.checkpoint.timestamp;
  return verifiedReceipt(receipt, leaf, recipient, receivedAt);
}
