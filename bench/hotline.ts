// Hotline benchmark: two in-process nodes on loopback (the receiver in a worker thread); sign + deliver + verify + commit (+ signed receipt checked
// and stored by the sender) per message, next to the raw Ed25519 rates of the same run.
// Run: node --import tsx bench/hotline.ts
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Worker } from 'node:worker_threads';
import { proposeAndSend } from '../src/node/agreement-exchange.ts';
import { initNode } from '../src/node/init-node.ts';
import { nodeInbox } from '../src/node/node-inbox.ts';
import { openNode, type ParleyNode } from '../src/node/parley-node.ts';
import type { Party } from '../src/hotline/party.ts';
import { publishAt } from './hotline-publish.ts';
import { createNodeServer, type NodeServer } from '../src/taxii/node-server.ts';

const SEQUENTIAL = Number(process.env.BENCH_SEQ ?? 1_000);
const CONCURRENT = Number(process.env.BENCH_CONC ?? 6_000);
const CONCURRENCY = 32;

function ed25519Rates(): { sign: number; verify: number } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const data = Buffer.alloc(600, 7);
  const n = 20_000;
  let started = performance.now();
  let signature = Buffer.alloc(0);
  for (let i = 0; i < n; i++) signature = sign(null, data, privateKey);
  const signRate = n / ((performance.now() - started) / 1000);
  started = performance.now();
  for (let i = 0; i < n; i++) verify(null, data, publicKey, signature);
  return { sign: signRate, verify: n / ((performance.now() - started) / 1000) };
}

async function startNode(dir: string, name: string): Promise<{ node: ParleyNode; server: NodeServer; party: Party }> {
  await initNode(dir, { name, url: 'http://127.0.0.1:1' });
  const node = await openNode(dir, { passwordCost: 2 ** 14 });
  const inbox = (await node.store.records.getState('inbox_collection'))!;
  const server = await createNodeServer({ store: node.store, node: { title: name }, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0, inbox: nodeInbox(node, inbox) });
  const party = await publishAt(node, server.url);
  await node.store.accounts.add('peer', 'peer-password', [{ collection: inbox, canRead: false, canWrite: true }]);
  return { node, server, party };
}

/** Sends a message to the peer worker and waits for the answer carrying `key`. */
function ask<T>(worker: Worker, key: string, message?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Record<string, unknown>) => {
      if (!(key in m)) return;
      worker.off('message', onMessage);
      resolve(m[key] as T);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    if (message !== undefined) worker.postMessage(message);
  });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function run(a: ParleyNode, b: Party, count: number, concurrency: number): Promise<{ rate: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      const stored = await a.service.send({
        kind: 'consultation', to: [b.id], priority: 'routine', tlp: 'amber', language: 'en',
        subject: `Bench ${i}`, body: 'Do you see scanning of Modbus ports from AS64500 towards water utilities?',
      }, 'bench');
      latencies.push(performance.now() - t0);
      if (!(await a.service.receiptOf(stored.message.id, b.id))) throw new Error(`message ${i} was not delivered`);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((x, y) => x - y);
  return { rate: count / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

const dir = mkdtempSync(join(tmpdir(), 'parley-bench-hotline-'));
try {
  const raw = ed25519Rates();
  const A = await startNode(join(dir, 'a'), 'CERT-A');
  // The worker registers tsx itself before loading the TypeScript peer module.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./hotline-peer.ts', import.meta.url).href)}); })`;
  const peer = new Worker(boot, { eval: true, workerData: { dir: join(dir, 'b') } });
  const B = await ask<Party>(peer, 'party');
  await A.node.store.hotline.putParty(B, { own: false });
  await A.node.store.transaction(async () => A.node.store.records.putCredentials({ partyId: B.id, username: 'peer', password: 'peer-password' }));
  await ask(peer, 'ready', { peer: A.party });
  const { agreement } = await proposeAndSend(A.node, {
    partyRefs: [B.id], name: 'bench', commitments: [A.party.id, B.id].map((party_ref) => ({ party_ref, protected_sectors: ['water'] })),
    rules: { message_kinds: ['consultation', 'acknowledgement', 'response', 'closure'], deadlines: [], default_tlp: 'amber', working_languages: ['en'], communication_check_hours: 720 },
  });
  await ask(peer, 'signed', { sign: agreement.id });
  await run(A.node, B, 100, 1); // warm-up
  const sequential = await run(A.node, B, SEQUENTIAL, 1);
  const concurrent = await run(A.node, B, CONCURRENT, CONCURRENCY);
  const rows: [string, string, string][] = [
    ['Ed25519 sign (600 B, node:crypto)', `${Math.round(raw.sign).toLocaleString('en')} /s`, 'raw, same run'],
    ['Ed25519 verify (600 B, node:crypto)', `${Math.round(raw.verify).toLocaleString('en')} /s`, 'raw, same run'],
    [`messages, 1 at a time (${SEQUENTIAL})`, `${Math.round(sequential.rate).toLocaleString('en')} msg/s`, 'sign + deliver + verify + commit + receipt'],
    ['round trip p50, 1 at a time', `${sequential.p50.toFixed(2)} ms`, ''],
    ['round trip p99, 1 at a time', `${sequential.p99.toFixed(2)} ms`, 'target < 50 ms'],
    [`messages, ${CONCURRENCY} concurrent (${CONCURRENT})`, `${Math.round(concurrent.rate).toLocaleString('en')} msg/s`, 'target >= 1,000 msg/s'],
    [`round trip p50, ${CONCURRENCY} concurrent`, `${concurrent.p50.toFixed(2)} ms`, ''],
    [`round trip p99, ${CONCURRENCY} concurrent`, `${concurrent.p99.toFixed(2)} ms`, ''],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(14)}  ${note}`);
  await ask(peer, 'stopped', { stop: true });
  await peer.terminate();
  await A.server.close();
  await A.node.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
