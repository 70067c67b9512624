import { randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyError } from '../errors.ts';
import { generateSigningKeyPair, privateKeyFromPem } from '../ledger/sign.ts';
import { keysValidAt, partyExtension, type Party, type SigningKey } from '../hotline/party.ts';
import type { Signer } from '../hotline/signature.ts';

const KEY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Generates a key pair, writes the private key to `DATA/keys/<key_id>.pem` (mode 0600) and returns the public key record. */
export function createNodeKey(dataDir: string, validFrom: string): SigningKey {
  const keyId = `key-${new Date(validFrom).toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
  const pair = generateSigningKeyPair();
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${keyId}.pem`);
  writeFileSync(file, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key_id: keyId, public_key: pair.publicKey, valid_from: validFrom };
}

/** Reads the private key of one of the node's keys. */
export function loadNodeKey(dataDir: string, keyId: string): KeyObject {
  if (!KEY_ID.test(keyId)) throw new ParleyError('BAD_REQUEST', `invalid key id ${keyId}`);
  const file = join(dataDir, 'keys', `${keyId}.pem`);
  if (!existsSync(file)) throw new ParleyError('INTERNAL', `the private key ${keyId} is missing from ${join(dataDir, 'keys')}`);
  return privateKeyFromPem(readFileSync(file, 'utf8'));
}

/** The key the node signs with at `at`: the newest valid one of its own party record. */
export function currentKey(party: Party, at: number): SigningKey {
  const valid = keysValidAt(party, at).sort((a, b) => Date.parse(b.valid_from) - Date.parse(a.valid_from));
  if (valid.length === 0) throw new ParleyError('KEY_NOT_VALID', `party ${party.id} has no signing key valid now`);
  return valid[0]!;
}

/** Caches private keys by id for one data directory. */
export class NodeKeyring {
  readonly #dataDir: string;
  readonly #keys = new Map<string, KeyObject>();

  constructor(dataDir: string) {
    this.#dataDir = dataDir;
  }

  /** The signer for the party's current key at `at`. */
  signer(party: Party, at: number): Signer {
    const key = currentKey(party, at);
    let privateKey = this.#keys.get(key.key_id);
    if (!privateKey) {
      privateKey = loadNodeKey(this.#dataDir, key.key_id);
      this.#keys.set(key.key_id, privateKey);
    }
    return { partyRef: party.id, keyId: key.key_id, privateKey };
  }
}

/** Rotates: the current key ends at `at`, a new one starts at `at`. Returns the updated party (modified = at). */
export function rotateKey(dataDir: string, party: Party, at: string): { party: Party; key: SigningKey } {
  const key = createNodeKey(dataDir, at);
  const ext = partyExtension(party);
  const keys = ext.signing_keys.map((k) => (k.valid_until === undefined || Date.parse(k.valid_until) > Date.parse(at) ? { ...k, valid_until: at } : k));
  const updated: Party = { ...party, modified: at, extensions: { ...party.extensions, [Object.keys(party.extensions).find((k) => party.extensions[k] === ext)!]: { ...ext, signing_keys: [...keys, key] } } as Party['extensions'] };
  return { party: updated, key };
}
