import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyError } from '../errors.ts';
import type { CounterpartCredentials, NodeRecordStore } from '../store/node-record-store.ts';

const PREFIX = 'sealed:v1:';

/**
 * Counterpart passwords must be usable (they authenticate this node to the counterpart), so they cannot be hashed;
 * they are sealed with AES-256-GCM under a key kept beside the signing keys (`DATA/keys/credentials.key`, mode
 * 0600), so a copy of the database — or a shared PostgreSQL — does not give them away. Values stored in clear by
 * earlier versions are still read, and sealed when next written.
 */
export function sealedCredentials(records: NodeRecordStore, dataDir: string): NodeRecordStore {
  let key: Buffer | undefined;
  const sealKey = () => (key ??= loadOrCreateKey(dataDir));
  const r = records;
  return Object.freeze({
    getState: r.getState.bind(r), setState: r.setState.bind(r), putEvidence: r.putEvidence.bind(r), evidenceOf: r.evidenceOf.bind(r),
    messagesCarrying: r.messagesCarrying.bind(r), putIssuedReceipt: r.putIssuedReceipt.bind(r), issuedReceipt: r.issuedReceipt.bind(r),
    putHeldReceipt: r.putHeldReceipt.bind(r), heldReceipt: r.heldReceipt.bind(r), heldReceipts: r.heldReceipts.bind(r),
    putDelivery: r.putDelivery.bind(r), delivery: r.delivery.bind(r),
    async putCredentials(c: CounterpartCredentials): Promise<void> {
      await records.putCredentials({ ...c, password: seal(sealKey(), c.partyId, c.password) });
    },
    async getCredentials(partyId: string): Promise<CounterpartCredentials | undefined> {
      const c = await records.getCredentials(partyId);
      return c && { ...c, password: c.password.startsWith(PREFIX) ? unseal(sealKey(), partyId, c.password) : c.password };
    },
  });
}

function loadOrCreateKey(dataDir: string): Buffer {
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'credentials.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const value = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (value.length !== 32) throw new ParleyError('INTERNAL', `${file} does not hold a 32-byte key`);
  return value;
}

// The party id is bound as associated data: a sealed password moved to another party's row does not open.
function seal(key: Buffer, partyId: string, password: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(partyId));
  const body = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(key: Buffer, partyId: string, sealed: string): string {
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12)).setAAD(Buffer.from(partyId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new ParleyError('INTERNAL', `the stored credentials for ${partyId} do not open with keys/credentials.key (was the key replaced?)`);
  }
}
