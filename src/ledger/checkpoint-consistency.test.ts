import { describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import { SqliteLogStore, logMigrations } from '../store/sqlite/sqlite-log-store.ts';
import { signCheckpoint } from './checkpoint.ts';
import { verifyCheckpointExtends } from './checkpoint-consistency.ts';
import { objectDigest } from './log-entry.ts';
import { MerkleLog } from './merkle-log.ts';
import { generateSigningKeyPair, privateKeyFromPem, publicKeyFromBase64url } from './sign.ts';

async function peerLog(origin: string) {
  const db = openSqliteDatabase(':memory:');
  migrate(db, [logMigrations]);
  const pair = generateSigningKeyPair();
  const privateKey = privateKeyFromPem(pair.privateKeyPem);
  const log = new MerkleLog({ store: new SqliteLogStore(db), origin, keyId: 'k', privateKey });
  const add = (n: number, tag: string) =>
    log.appendAll(Array.from({ length: n }, (_, i) => ({
      kind: 'message-received' as const, object_id: `note--${tag}${i}`, object_modified: '2026-11-23T09:00:00Z', digest: objectDigest({ tag, i }),
    })));
  return { log, add, privateKey, keys: () => publicKeyFromBase64url(pair.publicKey) };
}

const b64 = (proof: Buffer[]): string[] => proof.map((p) => p.toString('base64'));

describe('verifyCheckpointExtends', () => {
  it('accepts a later checkpoint of the same growing log', async () => {
    const peer = await peerLog('identity--peer');
    await peer.add(5, 'a');
    const older = await peer.log.checkpoint();
    await peer.add(9, 'b');
    const newer = await peer.log.checkpoint();
    const proof = b64(await peer.log.consistencyProof(5, 14));
    expect(verifyCheckpointExtends(older, newer, proof, peer.keys)).toEqual({ ok: true });
    expect(verifyCheckpointExtends(older, older, [], peer.keys)).toEqual({ ok: true });
    expect(verifyCheckpointExtends(newer, older, proof, peer.keys)).toEqual({ ok: false, reason: 'shrunk' });
  });

  it('rejects a rewritten history, a forged signature and another origin', async () => {
    const peer = await peerLog('identity--peer');
    await peer.add(5, 'a');
    const older = await peer.log.checkpoint();
    // A second log under the same key with different first entries stands for a node that rewrote its log.
    const forked = await peerLog('identity--peer');
    await forked.add(14, 'x');
    const rewritten = signCheckpoint({ ...(await forked.log.checkpoint()), key_id: 'k' }, peer.privateKey);
    const proof = b64(await forked.log.consistencyProof(5, 14));
    expect(verifyCheckpointExtends(older, rewritten, proof, peer.keys)).toEqual({ ok: false, reason: 'inconsistent' });
    expect(verifyCheckpointExtends(older, { ...rewritten, tree_size: 15 }, proof, peer.keys)).toEqual({ ok: false, reason: 'bad-signature' });
    const other = signCheckpoint({ ...rewritten, origin: 'identity--other' }, peer.privateKey);
    expect(verifyCheckpointExtends(older, other, proof, peer.keys)).toEqual({ ok: false, reason: 'different-origin' });
  });
});
