// The receiving node of bench/hotline.ts, in its own worker thread (as a peer node runs on its own machine).
import { performance as perf } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import type { Party } from '../src/hotline/party.ts';
import { signAndSend } from '../src/node/agreement-exchange.ts';
import { initNode } from '../src/node/init-node.ts';
import { nodeInbox } from '../src/node/node-inbox.ts';
import { openNode } from '../src/node/parley-node.ts';
import { createNodeServer } from '../src/taxii/node-server.ts';
import { publishAt } from './hotline-publish.ts';
import { threadCpuMs } from './thread-cpu.ts';

const { dir } = workerData as { dir: string };
await initNode(dir, { name: 'CERT-B', url: 'http://127.0.0.1:1' });
const node = await openNode(dir, { passwordCost: 2 ** 14, backgroundCheckpoints: true });
const inbox = (await node.store.records.getState('inbox_collection'))!;
const server = await createNodeServer({ store: node.store, node: { title: 'CERT-B' }, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0, inbox: nodeInbox(node, inbox) });
const party = await publishAt(node, server.url);
await node.store.accounts.add('peer', 'peer-password', [{ collection: inbox, canRead: false, canWrite: true }]);
parentPort!.on('message', async (m: { peer?: Party; sign?: string; stop?: true; elu?: true }) => {
  // How busy this node's event loop has been since it started, and the CPU its thread used (the bench diffs two readings).
  if (m.elu) parentPort!.postMessage({ elu: { loop: perf.eventLoopUtilization(), cpuMs: threadCpuMs() } });
  if (m.peer) {
    await node.store.hotline.putParty(m.peer, { own: false });
    await node.store.transaction(async () => node.store.records.putCredentials({ partyId: m.peer!.id, username: 'peer', password: 'peer-password' }));
    parentPort!.postMessage({ ready: true });
  }
  if (m.sign) {
    await signAndSend(node, m.sign);
    parentPort!.postMessage({ signed: true });
  }
  if (m.stop) {
    await server.close();
    await node.close();
    parentPort!.postMessage({ stopped: true });
  }
});
parentPort!.postMessage({ party });
