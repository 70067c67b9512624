// Hotline benchmark: two in-process nodes on loopback (the receiver in a worker thread); sign + deliver + verify + commit (+ receipt checked
// and stored by the sender) per message, next to the raw Ed25519 rates of the same run.
// Closed loops (1, 32 and 256 senders, each sending its next message once the last one's receipt is filed) and an open
// loop (BENCH_RATE messages per second, default 1,000, each due at its time whatever became of the others): the open
// loop is the one that shows the latency at a given throughput.
// BENCH_DISPATCH=outbox (default: the persistent Outbox `parley serve` runs; a message is done once its receipt is
// checked and filed) or direct (the DirectDispatcher: send() returns with the receipt filed).
// Run: node --import tsx bench/hotline.ts
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Worker } from 'node:worker_threads';
import { performance as perf, type EventLoopUtilization } from 'node:perf_hooks';
import { proposeAndSend } from '../src/node/agreement-exchange.ts';
import { initNode } from '../src/node/init-node.ts';
import { nodeInbox } from '../src/node/node-inbox.ts';
import { openNode, type ParleyNode } from '../src/node/parley-node.ts';
import type { Party } from '../src/hotline/party.ts';
import { publishAt } from './hotline-publish.ts';
import { threadCpuMs } from './thread-cpu.ts';
import { createNodeServer, type NodeServer } from '../src/taxii/node-server.ts';
import { createNodeOutbox, type NodeOutbox } from '../src/node/node-outbox.ts';
import { TaxiiDeliveryTransport } from '../src/federation/taxii-delivery-transport.ts';

// A count or rate from the environment: a positive integer, or the run stops at once with a one-line reason (a
// rate that is not a number would otherwise leave the open loop waiting for ever).
function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`${name} must be a positive integer, not ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}
const SEQUENTIAL = positive('BENCH_SEQ', 1_000);
const CONCURRENT = positive('BENCH_CONC', 6_000);
const CONCURRENCY = 32;
const WIDE = positive('BENCH_WIDE', 256);
const WIDE_COUNT = positive('BENCH_WIDE_COUNT', 10_000);
const PACE = positive('BENCH_RATE', 1_000);
const PACED_COUNT = positive('BENCH_RATE_COUNT', 10_000);
const DISPATCH = process.env.BENCH_DISPATCH ?? 'outbox';
if (DISPATCH !== 'outbox' && DISPATCH !== 'direct') throw new Error('BENCH_DISPATCH is outbox or direct');

// Receipts filed by the sender's outbox, and who waits for which (outbox mode).
const filed = new Set<string>();
const waiting = new Map<string, () => void>();
function receiptFiled(messageId: string): void {
  const wake = waiting.get(messageId);
  if (wake) {
    waiting.delete(messageId);
    wake();
  } else filed.add(messageId);
}
function untilFiled(messageId: string): Promise<void> {
  if (filed.delete(messageId)) return Promise.resolve();
  return new Promise((resolve) => waiting.set(messageId, resolve));
}

// Rates in wall time, and the CPU time of one operation (on a loaded machine the two differ a lot).
function ed25519Rates(): { sign: number; verify: number; signCpuUs: number; verifyCpuUs: number } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const data = Buffer.alloc(600, 7);
  const n = 20_000;
  const cpuUs = (since: NodeJS.CpuUsage) => { const u = process.cpuUsage(since); return (u.user + u.system) / n; };
  let cpu = process.cpuUsage();
  let started = performance.now();
  let signature = Buffer.alloc(0);
  for (let i = 0; i < n; i++) signature = sign(null, data, privateKey);
  const signRate = n / ((performance.now() - started) / 1000);
  const signCpuUs = cpuUs(cpu);
  cpu = process.cpuUsage();
  started = performance.now();
  for (let i = 0; i < n; i++) verify(null, data, publicKey, signature);
  return { sign: signRate, verify: n / ((performance.now() - started) / 1000), signCpuUs, verifyCpuUs: cpuUs(cpu) };
}

async function startNode(dir: string, name: string): Promise<{ node: ParleyNode; server: NodeServer; party: Party; outbox?: NodeOutbox }> {
  await initNode(dir, { name, url: 'http://127.0.0.1:1' });
  let outbox: NodeOutbox | undefined;
  // As `parley serve` opens its node: WAL checkpoints on a worker thread, the persistent outbox as dispatcher.
  const node = await openNode(dir, {
    passwordCost: 2 ** 14, backgroundCheckpoints: true,
    ...(DISPATCH === 'outbox' ? { dispatcher: (n: ParleyNode) => (outbox = createNodeOutbox(n, new TaxiiDeliveryTransport(), {
      onReceiptFiled: receiptFiled, onError: (error) => console.error('outbox:', error),
    })).outbox } : {}),
  });
  await outbox?.start();
  const inbox = (await node.store.records.getState('inbox_collection'))!;
  const server = await createNodeServer({ store: node.store, node: { title: name }, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0, inbox: nodeInbox(node, inbox) });
  const party = await publishAt(node, server.url);
  await node.store.accounts.add('peer', 'peer-password', [{ collection: inbox, canRead: false, canWrite: true }]);
  return { node, server, party, ...(outbox ? { outbox } : {}) };
}

/** Sends a message to the peer worker and waits for the answer carrying `key`. */
function ask<T>(worker: Worker, key: string, message?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Record<string, unknown>) => {
      if (!(key in m)) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve(m[key] as T);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    if (message !== undefined) worker.postMessage(message);
  });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

interface RunFigures { rate: number; p50: number; p99: number; cpuMs: number; senderCpuMs: number; receiverCpuMs: number; senderBusy: number; receiverBusy: number }
interface PeerReading { loop: EventLoopUtilization; cpuMs: number | undefined }

// process.cpuUsage counts every thread of the process: both nodes (the receiver's worker included).
// A closed loop of `concurrency` senders, or an open loop offering `rate` messages per second.
type Load = { concurrency: number; rate?: undefined } | { rate: number; concurrency?: undefined };

async function run(a: ParleyNode, b: Party, peer: Worker, count: number, load: Load): Promise<RunFigures> {
  const latencies: number[] = [];
  const sent: string[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const senderLoop = perf.eventLoopUtilization();
  const senderCpu = threadCpuMs() ?? NaN;
  const receiverAt = await ask<PeerReading>(peer, 'elu', { elu: true });
  const started = performance.now();
  // One message, timed from `t0` (for a paced run, the moment it was due, so a late start counts against it).
  const one = async (i: number, t0: number) => {
    const stored = await a.service.send({
      kind: 'consultation', to: [b.id], priority: 'routine', tlp: 'amber', language: 'en',
      subject: `Bench ${i}`, body: 'Do you see scanning of Modbus ports from AS64500 towards water utilities?',
    }, 'bench');
    if (DISPATCH === 'outbox') await untilFiled(stored.message.id);
    latencies.push(performance.now() - t0);
    sent.push(stored.message.id);
  };
  if (load.rate === undefined) {
    await Promise.all(Array.from({ length: load.concurrency }, async () => {
      while (next < count) await one(next++, performance.now());
    }));
  } else {
    // Open loop: message i is due at i / rate seconds, whatever became of the ones before it.
    const interval = 1000 / load.rate;
    const inFlight: Promise<void>[] = [];
    while (next < count) {
      const now = performance.now();
      while (next < count && started + next * interval <= now) inFlight.push(one(next, started + next++ * interval));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(inFlight);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const senderCpuMs = ((threadCpuMs() ?? NaN) - senderCpu) / count;
  const senderBusy = perf.eventLoopUtilization(senderLoop).utilization;
  const receiverNow = await ask<PeerReading>(peer, 'elu', { elu: true });
  // Every message's receipt is on file (checked after the timed span: this is the bench's check, not the node's work).
  for (const id of sent) if (!(await a.service.receiptOf(id, b.id))) throw new Error(`message ${id} was not delivered`);
  if (sent.length !== count) throw new Error(`${sent.length} of ${count} messages sent`);
  const receiverBusy = perf.eventLoopUtilization(receiverNow.loop, receiverAt.loop).utilization;
  const receiverCpuMs = ((receiverNow.cpuMs ?? NaN) - (receiverAt.cpuMs ?? NaN)) / count;
  latencies.sort((x, y) => x - y);
  return { rate: count / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), cpuMs: (used.user + used.system) / 1000 / count, senderCpuMs, receiverCpuMs, senderBusy, receiverBusy };
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
  await run(A.node, B, peer, 100, { concurrency: 1 }); // warm-up
  const sequential = await run(A.node, B, peer, SEQUENTIAL, { concurrency: 1 });
  const concurrent = await run(A.node, B, peer, CONCURRENT, { concurrency: CONCURRENCY });
  const wide = await run(A.node, B, peer, WIDE_COUNT, { concurrency: WIDE });
  const paced = await run(A.node, B, peer, PACED_COUNT, { rate: PACE });
  const rows: [string, string, string][] = [
    ['Ed25519 sign (600 B, node:crypto)', `${Math.round(raw.sign).toLocaleString('en')} /s`, 'raw, same run'],
    ['Ed25519 verify (600 B, node:crypto)', `${Math.round(raw.verify).toLocaleString('en')} /s`, 'raw, same run'],
    ['delivery path', DISPATCH, DISPATCH === 'outbox' ? 'persistent Outbox, as parley serve' : 'DirectDispatcher'],
    [`messages, 1 at a time (${SEQUENTIAL})`, `${Math.round(sequential.rate).toLocaleString('en')} msg/s`, 'sign + deliver + verify + commit + receipt'],
    ['round trip p50, 1 at a time', `${sequential.p50.toFixed(2)} ms`, ''],
    ['round trip p99, 1 at a time', `${sequential.p99.toFixed(2)} ms`, 'target < 50 ms'],
    [`messages, ${CONCURRENCY} concurrent (${CONCURRENT})`, `${Math.round(concurrent.rate).toLocaleString('en')} msg/s`, 'target >= 1,000 msg/s'],
    [`round trip p50, ${CONCURRENCY} concurrent`, `${concurrent.p50.toFixed(2)} ms`, ''],
    [`round trip p99, ${CONCURRENCY} concurrent`, `${concurrent.p99.toFixed(2)} ms`, ''],
    [`messages, ${WIDE} concurrent (${WIDE_COUNT})`, `${Math.round(wide.rate).toLocaleString('en')} msg/s`, 'target >= 1,000 msg/s'],
    [`round trip p50, ${WIDE} concurrent`, `${wide.p50.toFixed(2)} ms`, ''],
    [`round trip p99, ${WIDE} concurrent`, `${wide.p99.toFixed(2)} ms`, ''],
    [`messages offered at ${PACE.toLocaleString('en')}/s (${PACED_COUNT})`, `${Math.round(paced.rate).toLocaleString('en')} msg/s`, 'delivered; target: 1,000 msg/s with p99 < 50 ms'],
    [`round trip p50, offered ${PACE.toLocaleString('en')}/s`, `${paced.p50.toFixed(2)} ms`, 'from the moment each was due'],
    [`round trip p99, offered ${PACE.toLocaleString('en')}/s`, `${paced.p99.toFixed(2)} ms`, 'target < 50 ms'],
    ['Ed25519 sign / verify, CPU per operation', `${raw.signCpuUs.toFixed(0)} / ${raw.verifyCpuUs.toFixed(0)} µs`, 'raw, same run'],
    ['CPU per message, 1 at a time', `${sequential.cpuMs.toFixed(2)} ms`, 'whole process: both nodes + helper threads'],
    [`CPU per message, ${CONCURRENCY} concurrent`, `${concurrent.cpuMs.toFixed(2)} ms`, 'whole process: both nodes + helper threads'],
    [`CPU per message, ${WIDE} concurrent`, `${wide.cpuMs.toFixed(2)} ms`, `both nodes = ${(1000 * wide.cpuMs / raw.signCpuUs).toFixed(1)} raw signatures`],
    ...([['1 at a time', sequential], [`${CONCURRENCY} concurrent`, concurrent], [`${WIDE} concurrent`, wide]] as const).map(([name, f]): [string, string, string] =>
      [`CPU per message per node, ${name}`, `${f.senderCpuMs.toFixed(2)} / ${f.receiverCpuMs.toFixed(2)} ms`, 'sender / receiver thread (10 ms ticks)']),
    // What the busier thread's CPU cost allows if each node had a core to itself (an estimate, not a measurement).
    ...([[`${CONCURRENCY} concurrent`, concurrent], [`${WIDE} concurrent`, wide]] as const).map(([name, f]): [string, string, string] =>
      [`CPU ceiling, ${name}`, `${Math.round(1000 / Math.max(f.senderCpuMs, f.receiverCpuMs)).toLocaleString('en')} msg/s`, '1,000 / busier thread\'s CPU ms per message']),
    ...([[`${CONCURRENCY} concurrent`, concurrent], [`${WIDE} concurrent`, wide]] as const).map(([name, f]): [string, string, string] =>
      [`event loop busy, ${name}`, `${Math.round(100 * f.senderBusy)}% / ${Math.round(100 * f.receiverBusy)}%`, 'sender / receiver thread']),
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(14)}  ${note}`);
  await ask(peer, 'stopped', { stop: true });
  await peer.terminate();
  await A.outbox?.stop();
  await A.server.close();
  await A.node.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
