/**
 * Read-model latency of the /api/: threads list, one thread, directory and review with N threads of two messages
 * each (a received flash notification and this node's acknowledgement). Run: node --import tsx bench/api-read.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { createApiApp } from '../src/api/api-app.ts';
import { applyAnswer, deadlinesFor } from '../src/hotline/deadlines.ts';
import { buildMessage } from '../src/hotline/message.ts';
import { signObject } from '../src/hotline/signature.ts';
import { signedAgreement, testParty } from '../src/hotline/test-fixtures.ts';
import { objectDigest } from '../src/ledger/log-entry.ts';
import { MerkleLog } from '../src/ledger/merkle-log.ts';
import { migrate } from '../src/store/sqlite/migrate.ts';
import { SqliteHotlineStore, hotlineMigrations } from '../src/store/sqlite/sqlite-hotline-store.ts';
import { SqliteLogStore, logMigrations } from '../src/store/sqlite/sqlite-log-store.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { SqliteSessionStore, sessionMigrations } from '../src/store/sqlite/sqlite-session-store.ts';

async function buildNode(dir: string, threads: number) {
  const store = openSqliteStore(dir);
  migrate(store.sqlite, [hotlineMigrations, logMigrations, sessionMigrations]);
  const hotline = new SqliteHotlineStore(store.sqlite, { passwordCost: 16384 });
  const logStore = new SqliteLogStore(store.sqlite);
  const [a, b] = [testParty('CERT-A'), testParty('CERT-B')];
  await hotline.putParty(a.party, { own: true });
  await hotline.putParty(b.party, { own: false });
  const agreement = signedAgreement([a, b]);
  await hotline.putAgreementVersion(agreement);
  const log = new MerkleLog({ store: logStore, origin: a.party.id, keyId: a.signer.keyId, privateKey: a.signer.privateKey });
  const start = Date.parse('2026-10-01T00:00:00.000Z');
  let first = '';
  for (let i = 0; i < threads; i++) {
    const at = start + i * 60_000;
    const common = { agreementRef: agreement.id, lang: 'en', tlp: 'amber' as const, priority: 'flash' as const };
    const n = signObject(buildMessage({ ...common, kind: 'consultation', senderRef: b.party.id, recipientRefs: [a.party.id], subject: `Thread ${i}`, body: 'x', at }), b.signer);
    const ack = signObject(buildMessage({ ...common, kind: 'acknowledgement', senderRef: a.party.id, recipientRefs: [b.party.id], subject: 'Re', body: 'ok', replyTo: n, at: at + 30_000 }), a.signer);
    first ||= n.id;
    await hotline.putMessage(n, 'received');
    await hotline.putMessage(ack, 'sent');
    await log.appendAll([n, ack].map((m, k) => ({ kind: k === 0 ? 'message-received' as const : 'message-sent' as const, object_id: m.id, object_modified: m.modified, digest: objectDigest(m) })));
    for (const d of deadlinesFor(n, agreement)) await hotline.putDeadline(applyAnswer(d, ack));
  }
  await hotline.createOperator('officer', 'bench password 1', 'supervisor');
  const app = new Hono();
  app.route('/api', createApiApp({ node: { store: Object.freeze({ ...store, hotline, log: logStore, sessions: new SqliteSessionStore(store.sqlite) }), log, self: a.party } }));
  const session = await app.request('/api/session', { method: 'POST', body: JSON.stringify({ username: 'officer', password: 'bench password 1' }) });
  const { token } = (await session.json()) as { token: string };
  return { app, token, first, close: () => store.close() };
}

async function median(runs: number, op: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await op();
    times.push(performance.now() - t);
  }
  return times.sort((x, y) => x - y)[Math.floor(runs / 2)];
}

const rows: string[][] = [];
for (const threads of [200, 1000, 3000]) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-api-'));
  try {
    const node = await buildNode(dir, threads);
    const get = (path: string) => async () => {
      const res = await node.app.request(path, { headers: { authorization: `Bearer ${node.token}` } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    for (const [name, path] of [
      ['GET /api/threads', '/api/threads'],
      ['GET /api/threads/:id', `/api/threads/${node.first}`],
      ['GET /api/parties', '/api/parties'],
      ['GET /api/review (90 days)', '/api/review?from=2026-09-01T00:00:00.000Z&to=2026-11-30T00:00:00.000Z'],
    ] as const) {
      rows.push([String(threads), String(threads * 2), name, (await median(5, get(path))).toFixed(1)]);
      console.error(`${threads} threads ${name} done`);
    }
    await node.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log('| threads | messages | request | median ms (5 runs) |');
console.log('|---:|---:|---|---:|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
