import type { KeyObject } from 'node:crypto';
import type { SignedCheckpoint, VerifiedCheckpoints } from '../ledger/checkpoint.ts';
import { encodeLogEntry, objectDigest, type LogEntry } from '../ledger/log-entry.ts';
import type { ObjectDigests } from '../ledger/object-digests.ts';
import { verifyReceipt } from '../ledger/receipt.ts';
import { publicKeyFromBase64url, signCanonical, verifyCanonical } from '../ledger/sign.ts';
import type { Message } from '../hotline/message.ts';
import { keyValidAt, type Party } from '../hotline/party.ts';

/**
 * The recipient's proof that it logged a message: its signed checkpoint and the inclusion proof of the
 * `message-received` entry, which holds every other field of the receipt (docs/federation.md). Receipts of nodes
 * before 0.2 also carry `key_id` and a `signature` over the receipt; it adds nothing the checkpoint does not prove,
 * but when present it must verify.
 */
export interface TransportReceipt {
  type: 'x-parley-receipt';
  message_id: string;
  message_modified: string;
  recipient_ref: string;
  received_at: string;
  leaf_index: number;
  checkpoint: SignedCheckpoint;
  inclusion_proof: string[];
  key_id?: string;
  signature?: string;
}

/** The `message-received` entry a recipient logs for a message; the sender rebuilds it to check the receipt. */
export function receivedEntry(message: Message, index: number, receivedAt: string, digest = objectDigest(message)): LogEntry {
  return {
    index,
    kind: 'message-received',
    object_id: message.id,
    object_modified: message.modified,
    digest,
    logged_at: receivedAt,
    detail: { sender: message.sender_ref },
  };
}

/** Signs a receipt as nodes before 0.2 did (Ed25519 over RFC 8785 of the receipt without `signature`). */
export function signTransportReceipt(body: Omit<TransportReceipt, 'signature'> & { key_id: string }, privateKey: KeyObject): TransportReceipt {
  return { ...body, signature: signCanonical(body, privateKey) };
}

/** What the receipt checks of one batch share: checkpoints (and node hashes) already verified, message digests. */
export interface ReceiptBatch {
  verified?: VerifiedCheckpoints;
  digests?: ObjectDigests;
}

/**
 * Checks a receipt for `message` came from `recipient`: its checkpoint's signature by a key of the recipient valid
 * at the checkpoint's time, the inclusion of the rebuilt `message-received` entry, and a legacy signature when
 * present.
 */
export function checkTransportReceipt(receipt: TransportReceipt, message: Message, recipient: Party, batch: ReceiptBatch = {}): string | null {
  const { verified, digests } = batch;
  if (typeof receipt !== 'object' || receipt === null || receipt.type !== 'x-parley-receipt') return 'not a receipt';
  if (receipt.message_id !== message.id || receipt.message_modified !== message.modified) return 'names another message';
  if (receipt.recipient_ref !== recipient.id || receipt.checkpoint?.origin !== recipient.id) return 'not from the recipient';
  const legacy = legacySignatureProblem(receipt, recipient);
  if (legacy !== null) return legacy;
  let cpKey: KeyObject;
  try {
    const lookup = keyValidAt(recipient, receipt.checkpoint.key_id, receipt.checkpoint.timestamp);
    if (!lookup.found) return `checkpoint key ${receipt.checkpoint.key_id} not valid (${lookup.reason})`;
    cpKey = publicKeyFromBase64url(lookup.key.public_key);
  } catch {
    return 'checkpoint is malformed';
  }
  let leaf: Buffer;
  try {
    leaf = encodeLogEntry(receivedEntry(message, receipt.leaf_index, receipt.received_at, digests?.of(message)));
  } catch {
    return 'receipt fields are malformed';
  }
  const verdict = verifyReceipt(
    { checkpoint: receipt.checkpoint, leaf_index: receipt.leaf_index, inclusion_proof: receipt.inclusion_proof }, leaf, cpKey, verified);
  return verdict.ok ? null : `checkpoint ${verdict.reason}`;
}

// A receipt signed the pre-0.2 way must still verify: a bad signature is a forged or damaged receipt.
function legacySignatureProblem(receipt: TransportReceipt, recipient: Party): string | null {
  if (receipt.signature === undefined && receipt.key_id === undefined) return null;
  if (typeof receipt.signature !== 'string' || typeof receipt.key_id !== 'string') return 'receipt signature is malformed';
  const lookup = keyValidAt(recipient, receipt.key_id, receipt.received_at);
  if (!lookup.found) return `receipt key ${receipt.key_id} not valid (${lookup.reason})`;
  const { signature, ...body } = receipt;
  return verifyCanonical(body, signature, publicKeyFromBase64url(lookup.key.public_key)) ? null : 'receipt signature does not verify';
}
