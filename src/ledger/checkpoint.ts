import type { KeyObject } from 'node:crypto';
import { signCanonical, verifyCanonical } from './sign.ts';
import { rememberingNodeHash, type NodeHasher } from './merkle.ts';

/** The signed statement "my log of `tree_size` entries has root `root_hash`" (root as standard base64). */
export interface Checkpoint {
  /** The identity id of the party whose node keeps the log. */
  origin: string;
  tree_size: number;
  root_hash: string;
  /** RFC 3339 time of signing. */
  timestamp: string;
  /** Which of the origin's keys signed it. */
  key_id: string;
}

/** A checkpoint with its Ed25519 signature (base64url) over the RFC 8785 canonical JSON of the checkpoint fields. */
export interface SignedCheckpoint extends Checkpoint {
  signature: string;
}

/** Finds the public key for a key id, or undefined when the key is unknown. */
export type PublicKeyLookup = (keyId: string) => KeyObject | undefined;

/** Outcome of checking a checkpoint's signature. */
export type CheckpointVerdict = { ok: true } | { ok: false; reason: 'malformed' | 'unknown-key' | 'bad-signature' };

const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/** The fields that are signed, in a fresh object (so extra properties never slip into the signature). */
export function checkpointBody(checkpoint: Checkpoint): Checkpoint {
  const { origin, tree_size, root_hash, timestamp, key_id } = checkpoint;
  return { origin, tree_size, root_hash, timestamp, key_id };
}

/** Why a value is not a well-formed signed checkpoint, or null. */
export function checkpointProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const c = value as Record<string, unknown>;
  if (typeof c.origin !== 'string' || c.origin === '') return 'origin is not a non-empty string';
  if (!Number.isSafeInteger(c.tree_size) || (c.tree_size as number) < 0) return 'tree_size is not a non-negative integer';
  if (typeof c.root_hash !== 'string' || !BASE64_SHA256.test(c.root_hash)) return 'root_hash is not a base64 SHA-256';
  if (typeof c.timestamp !== 'string' || Number.isNaN(Date.parse(c.timestamp))) return 'timestamp is not a time';
  if (typeof c.key_id !== 'string' || c.key_id === '') return 'key_id is not a non-empty string';
  if (typeof c.signature !== 'string') return 'signature is missing';
  return null;
}

/** Signs a checkpoint with the origin's Ed25519 private key. */
export function signCheckpoint(checkpoint: Checkpoint, privateKey: KeyObject): SignedCheckpoint {
  const body = checkpointBody(checkpoint);
  return { ...body, signature: signCanonical(body, privateKey) };
}

/** Checks a checkpoint's form and signature with the key its key_id names. */
export function verifyCheckpoint(checkpoint: SignedCheckpoint, publicKeyFor: PublicKeyLookup): CheckpointVerdict {
  if (checkpointProblem(checkpoint) !== null) return { ok: false, reason: 'malformed' };
  const key = publicKeyFor(checkpoint.key_id);
  if (key === undefined) return { ok: false, reason: 'unknown-key' };
  if (!verifyCanonical(checkpointBody(checkpoint), checkpoint.signature, key)) return { ok: false, reason: 'bad-signature' };
  return { ok: true };
}

/**
 * Checkpoints whose signatures one caller has already verified, keyed by every signed field, the signature and the
 * key object used: a batch of receipts under one checkpoint needs its signature checked once. Scope an instance to
 * one batch (it is not bounded).
 */
export class VerifiedCheckpoints {
  readonly #seen = new Map<string, KeyObject>();
  /** Interior node hashes computed for the batch's inclusion proofs (neighbouring leaves share most of the path). */
  readonly nodeHash: NodeHasher = rememberingNodeHash();

  /** Verifies `checkpoint` under `publicKey`, remembering a good verdict for the exact same checkpoint and key. */
  verify(checkpoint: SignedCheckpoint, publicKey: KeyObject): CheckpointVerdict {
    const key = JSON.stringify([checkpointBody(checkpoint), checkpoint.signature]);
    if (this.#seen.get(key) === publicKey) return { ok: true };
    const verdict = verifyCheckpoint(checkpoint, () => publicKey);
    if (verdict.ok) this.#seen.set(key, publicKey);
    return verdict;
  }
}
