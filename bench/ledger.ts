/**
 * Ledger throughput: raw Ed25519 and SHA-256, SQLite log appends (one transaction each and batched), proofs and
 * full verification at 100,000 entries. Run: node --import tsx bench/ledger.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { objectDigest, type LogEntryDraft } from '../src/ledger/log-entry.ts';
import { MerkleLog } from '../src/ledger/merkle-log.ts';
import { leafHash } from '../src/ledger/merkle.ts';
import { generateSigningKeyPair, privateKeyFromPem, publicKeyFromBase64url, signBytes, verifyBytes } from '../src/ledger/sign.ts';
import { verifyLog } from '../src/ledger/verify-log.ts';
import { openSqliteDatabase } from '../src/store/sqlite/database.ts';
import { migrate } from '../src/store/sqlite/migrate.ts';
import { SqliteLogStore, logMigrations } from '../src/store/sqlite/sqlite-log-store.ts';

const rows: [string, string, string][] = [];

/** Runs `op` repeatedly for about `ms` milliseconds; returns operations per second. */
async function rate(ms: number, op: () => unknown | Promise<unknown>): Promise<{ perSecond: number; count: number }> {
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < ms) {
    await op();
    count += 1;
  }
  return { perSecond: (count * 1000) / (performance.now() - start), count };
}

function record(name: string, perSecond: number, note: string): void {
  rows.push([name, Math.round(perSecond).toLocaleString('en-US'), note]);
  console.error(`${name}: ${Math.round(perSecond)}/s`);
}

const draft = (i: number): LogEntryDraft => ({
  kind: 'message-received',
  object_id: `note--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  object_modified: '2026-11-23T09:00:00.000Z',
  digest: objectDigest({ i }),
  logged_at: '2026-11-23T10:00:00.000Z',
  detail: { from: 'identity--7c2a4d6e-1f0b-4c3a-9e8d-5b6a7c8d9e0f' },
});

const dir = mkdtempSync(join(tmpdir(), 'parley-bench-ledger-'));
try {
  const pair = generateSigningKeyPair();
  const privateKey = privateKeyFromPem(pair.privateKeyPem);
  const publicKey = publicKeyFromBase64url(pair.publicKey);
  const message = randomBytes(300);
  const signature = signBytes(message, privateKey);
  record('Ed25519 sign (300 B)', (await rate(1500, () => signBytes(message, privateKey))).perSecond, 'node:crypto');
  record('Ed25519 verify (300 B)', (await rate(1500, () => verifyBytes(message, signature, publicKey))).perSecond, 'node:crypto');
  record('SHA-256 leaf hash (300 B)', (await rate(1500, () => leafHash(message))).perSecond, '0x00 || leaf');

  const open = (name: string) => {
    const db = openSqliteDatabase(join(dir, `${name}.db`));
    migrate(db, [logMigrations]);
    const store = new SqliteLogStore(db);
    return { db, store, log: new MerkleLog({ store, origin: 'identity--bench', keyId: 'k1', privateKey }) };
  };

  const single = open('single');
  let n = 0;
  const one = await rate(3000, () => single.log.append(draft(n++)));
  record('log append, 1 transaction each', one.perSecond, `${one.count} entries, file DB, WAL, synchronous=NORMAL`);
  single.db.close();

  const big = open('big');
  const SIZE = 100_000;
  const BATCH = 500;
  const t0 = performance.now();
  for (let i = 0; i < SIZE; i += BATCH) await big.log.appendAll(Array.from({ length: BATCH }, (_, j) => draft(i + j)));
  record(`log append, batches of ${BATCH}`, (SIZE * 1000) / (performance.now() - t0), `${SIZE.toLocaleString('en-US')} entries`);
  await big.log.checkpoint();

  const idx = () => Math.floor(Math.random() * SIZE);
  record('inclusion proof at 100,000', (await rate(2000, () => big.log.inclusionProof(idx(), SIZE))).perSecond, '17 hashes from stored subtrees');
  record('consistency proof at 100,000', (await rate(2000, () => big.log.consistencyProof(1 + idx(), SIZE))).perSecond, 'random first size');
  const v0 = performance.now();
  const report = await verifyLog(big.store, { publicKeyFor: () => publicKey });
  const checked = report.size;
  record('verifyLog, entries checked', (checked * 1000) / (performance.now() - v0), `${checked.toLocaleString('en-US')} entries, ${report.checkpoints} checkpoints, ok=${report.ok}`);
  record('checkpoint (root + sign + store)', (await rate(1500, () => big.log.checkpoint())).perSecond, 'at 100,000');
  big.db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const widths = [0, 1, 2].map((c) => Math.max(...[['operation', 'per second', 'notes'], ...rows].map((r) => r[c].length)));
const line = (r: string[]) => `| ${r[0].padEnd(widths[0])} | ${r[1].padStart(widths[1])} | ${r[2].padEnd(widths[2])} |`;
console.log(line(['operation', 'per second', 'notes']));
console.log(`|${widths.map((w, i) => (i === 1 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`);
for (const r of rows) console.log(line(r));
