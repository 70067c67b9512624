import type { SignedCheckpoint } from '../../ledger/checkpoint.ts';
import { checkpointProblem } from '../../ledger/checkpoint.ts';
import type { MerkleLog } from '../../ledger/merkle-log.ts';
import { verifyReceipt, type Receipt } from '../../ledger/receipt.ts';
import { publicKeyFromBase64url } from '../../ledger/sign.ts';
import { checkTransportReceipt, type TransportReceipt } from '../../federation/transport-receipt.ts';
import type { Message } from '../../hotline/message.ts';
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
 * A recipient's transport receipt for a sent message, as the node runtime keeps it (`TransportReceipt`,
 * src/federation/transport-receipt.ts). It verifies when its checkpoint (and a legacy signature, if any) and the inclusion of the
 * `message-received` entry rebuilt from `message` all check against the recipient's party record. Anything that is
 * not a transport receipt is treated as no receipt.
 */
export function transportReceipt(value: unknown, message: Message, recipient: Party | undefined): ReceiptView | null {
  if (!isTransportReceipt(value)) return null;
  let verified = false;
  try {
    verified = recipient !== undefined && checkTransportReceipt(value, message, recipient) === null;
  } catch {
    // A malformed signature or proof (e.g. not base64url) is a receipt that does not verify.
  }
  return { received_at: value.received_at, checkpoint: value.checkpoint, leaf_index: value.leaf_index, inclusion_verified: verified };
}

function isTransportReceipt(value: unknown): value is TransportReceipt {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return r.type === 'x-parley-receipt' && checkpointProblem(r.checkpoint) === null && Number.isSafeInteger(r.leaf_index)
    && Array.isArray(r.inclusion_proof) && typeof r.received_at === 'string';
}
