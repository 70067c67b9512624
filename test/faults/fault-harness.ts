import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemoAgreements } from '../../src/demo/demo-play.ts';
import { setUpDemoNodes } from '../../src/demo/demo-setup.ts';
import type { DemoState } from '../../src/demo/demo-state.ts';
import { freePorts } from '../../src/demo/free-port.ts';
import { startNodeProcess, type NodeProcess } from '../../src/demo/node-process.ts';
import type { DemoPartyKey } from '../../src/demo/scenario-parties.ts';
import { decodeLogEntry } from '../../src/ledger/log-entry.ts';
import { openNode } from '../../src/node/parley-node.ts';
import { runParley } from '../parley-process.ts';

/**
 * Three real nodes on 127.0.0.1 for the fault tests, set up as the demo sets them up (CERT-Arden has agreements
 * with CERT-Borduria and with Lumen Systems), each a `parley serve` child that can be stopped, killed and restarted.
 */
export class FaultCluster {
  readonly root = mkdtempSync(join(tmpdir(), 'parley-faults-'));
  state!: DemoState;
  readonly procs = new Map<DemoPartyKey, NodeProcess>();
  readonly logs: string[] = [];

  async setUp(): Promise<void> {
    const [a, b, c] = await freePorts(3);
    this.state = await setUpDemoNodes(this.root, { arden: a!, borduria: b!, lumen: c! });
    for (const key of ['arden', 'borduria', 'lumen'] as const) await this.start(key);
    await makeDemoAgreements(this.root, this.state, () => {});
  }

  dataDir(key: DemoPartyKey): string {
    return join(this.root, this.state.nodes[key].dir);
  }

  party(key: DemoPartyKey): string {
    return this.state.nodes[key].partyId;
  }

  async start(key: DemoPartyKey, env: Record<string, string> = {}): Promise<NodeProcess> {
    const proc = await startNodeProcess({ dataDir: this.dataDir(key), port: this.state.nodes[key].port, env, onLog: (l) => this.logs.push(`[${key}] ${l}`) });
    this.procs.set(key, proc);
    return proc;
  }

  proc(key: DemoPartyKey): NodeProcess {
    const p = this.procs.get(key);
    if (!p) throw new Error(`${key} is not running`);
    return p;
  }

  /** POST /api/<path> on a node as its operator. */
  async post<T = { message: { id: string; thread_id: string } }>(key: DemoPartyKey, path: string, body: unknown): Promise<T> {
    const { port, operator } = this.state.nodes[key];
    const res = await fetch(`http://127.0.0.1:${port}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${operator.username}:${operator.password}`).toString('base64')}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    if (res.status !== 201) throw new Error(`POST ${path} on ${key}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** A consultation from `from` to `to`, opening a thread or following up in one. */
  consult(from: DemoPartyKey, to: DemoPartyKey, subject: string, inReplyTo?: string) {
    return this.post(from, '/messages', {
      kind: 'consultation', to: [this.party(to)], priority: 'routine', tlp: 'amber', language: 'en', subject, body: `${subject} (fault test)`,
      ...(inReplyTo ? { in_reply_to: inReplyTo } : {}),
    });
  }

  /** What a node holds, read in-process from its data directory (works while it serves). */
  async held(key: DemoPartyKey): Promise<{ received: { id: string; threadId: string; seq: number }[]; sent: string[]; receivedLog: Map<string, number>; receipts: Set<string> }> {
    const node = await openNode(this.dataDir(key));
    try {
      const all = await node.store.hotline.listMessages({ limit: 1000 });
      const received = all.filter((m) => m.direction === 'received').map((m) => ({ id: m.message.id, threadId: m.message.thread_id, seq: m.seq })).sort((x, y) => x.seq - y.seq);
      const sent = all.filter((m) => m.direction === 'sent').map((m) => m.message.id);
      const size = await node.log.size();
      const receivedLog = new Map<string, number>();
      for (const leaf of await node.store.log.entries(0, size)) {
        const decoded = decodeLogEntry(leaf.bytes);
        if ('entry' in decoded && decoded.entry.kind === 'message-received') receivedLog.set(decoded.entry.object_id, (receivedLog.get(decoded.entry.object_id) ?? 0) + 1);
      }
      const receipts = new Set<string>();
      for (const m of all.filter((s) => s.direction === 'sent')) {
        for (const r of m.message.recipient_refs) if (await node.service.receiptOf(m.message.id, r)) receipts.add(`${m.message.id}/${r}`);
      }
      return { received, sent, receivedLog, receipts };
    } finally {
      await node.close();
    }
  }

  /** Polls `check` every 250 ms until it is true, at most `timeoutMs`. */
  async until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${this.logs.slice(-15).join('\n')}`);
  }

  /** `parley verify --data` on a node's data directory. */
  async verify(key: DemoPartyKey): Promise<{ status: number; out: string }> {
    const r = await runParley(['verify', '--data', this.dataDir(key)]);
    return { status: r.status, out: r.stdout + r.stderr };
  }

  async tearDown(): Promise<void> {
    await Promise.all([...this.procs.values()].map((p) => p.stop(5_000)));
    // PARLEY_KEEP_FAULT_DIRS=1 keeps the data directories for a post-mortem.
    if (process.env.PARLEY_KEEP_FAULT_DIRS) console.error(`fault test data kept in ${this.root}`);
    else rmSync(this.root, { recursive: true, force: true });
  }
}
