import type { KeyObject } from 'node:crypto';
import { ParleyError } from '../errors.ts';
import { publicKeyFromBase64url, signCanonical, verifyCanonical } from '../ledger/sign.ts';
import { keyValidAt, type Party } from './party.ts';

/** A party's private signing key, named by the key_id published in its party record. */
export interface Signer {
  partyRef: string;
  keyId: string;
  privateKey: KeyObject;
}

/** One signature: which key made it and the base64url Ed25519 signature. */
export interface Signature {
  key_id: string;
  value: string;
}

/** A signature on an agreement, naming the signing party. */
export interface PartySignature extends Signature {
  party_ref: string;
}

/** Pass, or the reason for failing. */
export type Verdict = { ok: true } | { ok: false; error: ParleyError };

const SIGNATURE_FIELDS = new Set(['signature', 'signatures']);

/** The content every signature covers: the object without its signature fields (canonicalised when signed). */
export function signedContent(object: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !SIGNATURE_FIELDS.has(key)));
}

/** Signs an object's content; returns the signature (the object is not changed). */
export function signContent(object: object, signer: Signer): Signature {
  return { key_id: signer.keyId, value: signCanonical(signedContent(object), signer.privateKey) };
}

/**
 * Verifies one signature over an object's content by a party: the key must be in the party's record, valid at
 * `at` (the object's signing time), and the signature must verify.
 */
export function verifyContentSignature(object: object, signature: Signature, party: Party, at: string): Verdict {
  const lookup = keyValidAt(party, signature.key_id, at);
  if (!lookup.found) {
    const why = lookup.reason === 'unknown-key' ? 'is not in its party record' : lookup.reason === 'expired' ? 'had expired' : 'was not yet valid';
    return { ok: false, error: new ParleyError('KEY_NOT_VALID', `key ${signature.key_id} of ${party.id} ${why} at ${at}`) };
  }
  const valid = verifyCanonical(signedContent(object), signature.value, publicKeyFromBase64url(lookup.key.public_key));
  if (!valid) return { ok: false, error: new ParleyError('SIGNATURE_INVALID', `signature by ${party.id} (key ${signature.key_id}) does not verify`) };
  return { ok: true };
}

/** Adds (or replaces) a party's signature on a multi-signed object such as an agreement. */
export function addPartySignature<T extends { signatures?: PartySignature[] }>(object: T, signer: Signer): T {
  const others = (object.signatures ?? []).filter((s) => s.party_ref !== signer.partyRef);
  const signature: PartySignature = { party_ref: signer.partyRef, ...signContent(object, signer) };
  return { ...object, signatures: [...others, signature] };
}

/** Signs an object that carries one signature (a message): returns a copy with `signature` set. */
export function signObject<T extends object>(object: T, signer: Signer): T & { signature: Signature } {
  return { ...object, signature: signContent(object, signer) };
}

/** Verifies a singly signed object (a message) by its sender, with the key valid at the object's `created` time. */
export function verifyObjectSignature(object: { created: string; signature?: Signature }, party: Party): Verdict {
  if (!object.signature) return { ok: false, error: new ParleyError('SIGNATURE_INVALID', 'the object is not signed') };
  return verifyContentSignature(object, object.signature, party, object.created);
}
