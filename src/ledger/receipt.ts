import type { KeyObject } from 'node:crypto';
import { checkpointProblem, verifyCheckpoint, type SignedCheckpoint, type VerifiedCheckpoints } from './checkpoint.ts';
import { leafHash, verifyInclusion } from './merkle.ts';

/** Proof that a log holds a leaf: the log's signed checkpoint and the leaf's inclusion proof in that tree. */
export interface Receipt {
  checkpoint: SignedCheckpoint;
  leaf_index: number;
  /** RFC 9162 inclusion path, each hash standard base64. */
  inclusion_proof: string[];
}

/** Outcome of checking a receipt. */
export type ReceiptVerdict =
  | { ok: true }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'not-included' };

const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Checks that `leafBytes` is leaf `leaf_index` of the tree the receipt's checkpoint signs, under `publicKey`
 * (`verified` remembers checkpoints already checked, and node hashes already computed, in the same batch).
 */
export function verifyReceipt(receipt: Receipt, leafBytes: Uint8Array, publicKey: KeyObject, verified?: VerifiedCheckpoints): ReceiptVerdict {
  if (typeof receipt !== 'object' || receipt === null || checkpointProblem(receipt.checkpoint) !== null) {
    return { ok: false, reason: 'malformed' };
  }
  const proof = receipt.inclusion_proof;
  if (!Array.isArray(proof) || !proof.every((p) => typeof p === 'string' && BASE64_SHA256.test(p))) {
    return { ok: false, reason: 'malformed' };
  }
  const signed = verified ? verified.verify(receipt.checkpoint, publicKey) : verifyCheckpoint(receipt.checkpoint, () => publicKey);
  if (!signed.ok) return { ok: false, reason: 'bad-signature' };
  const included = verifyInclusion(
    receipt.leaf_index,
    receipt.checkpoint.tree_size,
    leafHash(leafBytes),
    proof.map((p) => Buffer.from(p, 'base64')),
    Buffer.from(receipt.checkpoint.root_hash, 'base64'),
    verified?.nodeHash,
  );
  return included ? { ok: true } : { ok: false, reason: 'not-included' };
}
