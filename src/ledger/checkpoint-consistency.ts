import { verifyCheckpoint, type PublicKeyLookup, type SignedCheckpoint } from './checkpoint.ts';
import { verifyConsistency } from './merkle.ts';

/** Outcome of checking that a newer checkpoint of a log extends an older one. */
export type ExtensionVerdict =
  | { ok: true }
  | { ok: false; reason: 'bad-signature' | 'different-origin' | 'shrunk' | 'inconsistent' };

/**
 * Checks that `newer` signs a tree that extends the tree `older` signed (RFC 9162 §2.1.4.2), given the origin's
 * consistency proof (base64 hashes). A node that rewrote its history cannot pass this for checkpoints it already
 * handed out, which is why receipts keep the recipient's checkpoints.
 */
export function verifyCheckpointExtends(
  older: SignedCheckpoint,
  newer: SignedCheckpoint,
  proof: readonly string[],
  publicKeyFor: PublicKeyLookup,
): ExtensionVerdict {
  if (!verifyCheckpoint(older, publicKeyFor).ok || !verifyCheckpoint(newer, publicKeyFor).ok) {
    return { ok: false, reason: 'bad-signature' };
  }
  if (older.origin !== newer.origin) return { ok: false, reason: 'different-origin' };
  if (newer.tree_size < older.tree_size) return { ok: false, reason: 'shrunk' };
  const consistent = verifyConsistency(
    older.tree_size,
    newer.tree_size,
    Buffer.from(older.root_hash, 'base64'),
    Buffer.from(newer.root_hash, 'base64'),
    proof.map((p) => Buffer.from(p, 'base64')),
  );
  return consistent ? { ok: true } : { ok: false, reason: 'inconsistent' };
}
