import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalBytes } from './canonical-json.ts';

/** An Ed25519 key pair: the public key as base64url of its 32 raw bytes, the private key as PKCS#8 PEM. */
export interface SigningKeyPair {
  publicKey: string;
  privateKeyPem: string;
}

// SPKI DER prefix of an Ed25519 public key (RFC 8410); the 32 raw key bytes follow it.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Generates a new Ed25519 key pair. */
export function generateSigningKeyPair(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: rawPublicKey(publicKey).toString('base64url'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** The 32 raw bytes of an Ed25519 public key object. */
function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ type: 'spki', format: 'der' });
  return der.subarray(ED25519_SPKI_PREFIX.length);
}

// Importing a key costs about as much as one verification (createPublicKey parses DER), and every check of a
// message, agreement, receipt or checkpoint imports its signer's key again: remember the imported KeyObjects (a
// pure function of the 32 bytes; KeyObjects are immutable), bounded so a flood of new keys cannot grow it.
const importedKeys = new Map<string, KeyObject>();
const MAX_IMPORTED_KEYS = 1_000;

/** Imports a base64url raw Ed25519 public key (remembered per key text). */
export function publicKeyFromBase64url(publicKey: string): KeyObject {
  const known = importedKeys.get(publicKey);
  if (known) return known;
  const raw = Buffer.from(publicKey, 'base64url');
  if (raw.length !== 32) throw new RangeError('an Ed25519 public key has 32 bytes');
  const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.clear();
  importedKeys.set(publicKey, key);
  return key;
}

/** Imports a PKCS#8 PEM Ed25519 private key. */
export function privateKeyFromPem(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/** Signs bytes with Ed25519; returns the signature as base64url. */
export function signBytes(bytes: Uint8Array, privateKey: KeyObject): string {
  return sign(null, bytes, privateKey).toString('base64url');
}

/** Verifies a base64url Ed25519 signature over bytes. */
export function verifyBytes(bytes: Uint8Array, signature: string, publicKey: KeyObject): boolean {
  const sig = Buffer.from(signature, 'base64url');
  if (sig.length !== 64) return false;
  return verify(null, bytes, publicKey, sig);
}

/** Signs the RFC 8785 canonical JSON of a value. */
export function signCanonical(value: unknown, privateKey: KeyObject): string {
  return signBytes(canonicalBytes(value), privateKey);
}

/** Verifies a signature over the RFC 8785 canonical JSON of a value. */
export function verifyCanonical(value: unknown, signature: string, publicKey: KeyObject): boolean {
  return verifyBytes(canonicalBytes(value), signature, publicKey);
}
