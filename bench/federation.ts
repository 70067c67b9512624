// Federation throughput and latency: one node (CERT-Arden) sending through its outbox to two counterparts
// (CERT-Borduria, Lumen Systems), all three real `parley serve` processes on 127.0.0.1, messages posted through
// Arden's /api/. Phase 1 is the happy path; phase 2 restarts CERT-Borduria in the middle of the run.
// Run: node --import tsx bench/federation.ts [messages-per-phase]
import { FaultCluster } from '../test/faults/fault-harness.ts';
import { ApiClient } from '../src/demo/api-client.ts';
import { openNode } from '../src/node/parley-node.ts';
import type { DemoPartyKey } from '../src/demo/scenario-parties.ts';

const PER_PHASE = Number(process.argv[2] ?? 200);
const CONCURRENCY = 4;

interface PhaseResult { name: string; messages: number; seconds: number; min: number; p50: number; p99: number; max: number }

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Recipient's commit time minus the sender's `created`, per message id (both clocks are this machine's). */
async function arrivals(cluster: FaultCluster, key: DemoPartyKey): Promise<Map<string, number>> {
  const node = await openNode(cluster.dataDir(key));
  try {
    const out = new Map<string, number>();
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await node.store.hotline.listMessages({ direction: 'received', limit: 1000, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
      for (const m of page) out.set(m.message.id, Date.parse(m.storedAt) - Date.parse(m.message.created));
      if (page.length < 1000) return out;
      beforeSeq = page.at(-1)!.seq;
    }
  } finally {
    await node.close();
  }
}

async function phase(cluster: FaultCluster, api: ApiClient, name: string, restartMidway: boolean): Promise<PhaseResult> {
  const ids: string[] = [];
  const start = performance.now();
  let next = 0;
  let restart: Promise<void> | undefined;
  const worker = async () => {
    while (next < PER_PHASE) {
      const i = next++;
      if (restartMidway && i === Math.floor(PER_PHASE / 2)) {
        restart = (async () => {
          await cluster.proc('borduria').stop();
          await cluster.start('borduria');
        })();
      }
      const to: DemoPartyKey = i % 2 === 0 ? 'borduria' : 'lumen';
      const view = await api.post<{ message: { id: string } }>('/api/messages', {
        kind: 'consultation', to: [cluster.party(to)], priority: 'routine', tlp: 'amber', language: 'en',
        subject: `${name} ${i}`, body: 'Benchmark consultation.',
      });
      ids.push(view.message.id);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await restart;
  let latencies: number[] = [];
  const deadline = Date.now() + 120_000;
  for (;;) {
    const got = new Map([...(await arrivals(cluster, 'borduria')), ...(await arrivals(cluster, 'lumen'))]);
    latencies = ids.flatMap((id) => (got.has(id) ? [got.get(id)!] : []));
    if (latencies.length === ids.length) break;
    if (Date.now() > deadline) throw new Error(`${name}: only ${latencies.length} of ${ids.length} delivered within 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 500)); // opening the recipients' stores competes with them: poll gently
  }
  // The run ends when the last message was committed at its recipient.
  const node = await openNode(cluster.dataDir('arden'));
  const firstCreated = Math.min(...(await Promise.all(ids.slice(0, 8).map(async (id) => Date.parse((await node.store.hotline.getMessage(id))!.message.created)))));
  await node.close();
  const lastArrival = Math.max(...(await Promise.all((['borduria', 'lumen'] as const).map(async (key) => {
    const n = await openNode(cluster.dataDir(key));
    try {
      const page = await n.store.hotline.listMessages({ direction: 'received', limit: 1 });
      return Date.parse(page[0]!.storedAt);
    } finally {
      await n.close();
    }
  }))));
  const seconds = Math.max((lastArrival - firstCreated) / 1000, (performance.now() - start) / 1000 - 0.2);
  latencies.sort((a, b) => a - b);
  return { name, messages: ids.length, seconds, min: latencies[0]!, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1)! };
}

const cluster = new FaultCluster();
try {
  await cluster.setUp();
  const { port, operator } = cluster.state.nodes.arden;
  const api = new ApiClient(`http://127.0.0.1:${port}`, operator.username, operator.password);
  await api.login();
  // Warm-up (JIT, statement caches) outside the measurements.
  for (let i = 0; i < 10; i++) {
    await api.post('/api/messages', { kind: 'consultation', to: [cluster.party(i % 2 ? 'lumen' : 'borduria')], priority: 'routine', tlp: 'amber', language: 'en', subject: `warm-up ${i}`, body: '.' });
  }
  const happy = await phase(cluster, api, 'happy path', false);
  const restarted = await phase(cluster, api, 'Borduria restarted midway', true);
  console.log(`federation: ${PER_PHASE} consultations per phase, ${CONCURRENCY} concurrent API senders, 1 node -> 2 counterparts (real processes, 127.0.0.1)`);
  console.log('| phase | messages | seconds | messages/s | min delivery ms | p50 delivery ms | p99 delivery ms | max ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of [happy, restarted]) {
    console.log(`| ${r.name} | ${r.messages} | ${r.seconds.toFixed(2)} | ${(r.messages / r.seconds).toFixed(1)} | ${r.min} | ${r.p50} | ${r.p99} | ${r.max} |`);
  }
  console.log('delivery = committed at the recipient minus `created` at the sender: signing, storing, logging, time queued in the outbox');
console.log('(senders outpace one delivery in flight per recipient, so the queue grows), HTTP, verification, commit.');
} finally {
  await cluster.tearDown();
}
