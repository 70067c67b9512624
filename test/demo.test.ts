import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openNode } from '../src/node/parley-node.ts';
import { apiGet, startDemo, type DemoNodeLine, type DemoRun } from './demo-process.ts';
import { runParley } from './parley-process.ts';

interface ThreadSummary { thread_id: string; kind: string; state: string; message_count: number; subject: string; next_deadline: { overdue: boolean; due: string } | null }

const root = mkdtempSync(join(tmpdir(), 'parley-demo-'));
const dir = join(root, 'demo');
let running: DemoRun | undefined;

afterAll(async () => {
  if (running) await running.stop();
  rmSync(root, { recursive: true, force: true });
});

const byName = (nodes: DemoNodeLine[], name: string) => {
  const node = nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no ${name} in the demo output`);
  return node;
};

/** Per node: the threads (subject → state and message count) and its message count. */
async function snapshot(nodes: DemoNodeLine[]): Promise<Record<string, { threads: Record<string, { state: string; messages: number; kind: string }>; messages: number }>> {
  const out: Awaited<ReturnType<typeof snapshot>> = {};
  for (const node of nodes) {
    const threads = await apiGet<ThreadSummary[]>(node, '/threads');
    out[node.name] = {
      threads: Object.fromEntries(threads.map((t) => [t.subject, { state: t.state, messages: t.message_count, kind: t.kind }])),
      messages: threads.reduce((n, t) => n + t.message_count, 0),
    };
  }
  return out;
}

function verify(data: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return runParley(['verify', '--data', data]);
}

describe('parley demo', () => {
  let first: Awaited<ReturnType<typeof snapshot>>;

  it('starts three nodes, plays both seed scenarios and the communication check, prints each node', async () => {
    running = await startDemo(['--dir', dir, '--base-port', '0']);
    const { nodes } = running;
    expect(nodes.map((n) => n.name)).toEqual(['CERT-Arden', 'CERT-Borduria', 'Lumen Systems']);
    for (const node of nodes) {
      expect(existsSync(join(node.data, 'parley.db'))).toBe(true);
      const root = await fetch(`${node.base}/taxii2/`, { headers: { accept: 'application/taxii+json;version=2.1' } });
      expect([200, 401]).toContain(root.status);
      expect((await apiGet<{ name: string; role: string }>(node, '/me')).name).toBe(node.username);
    }
    first = await snapshot(nodes);
    const election = 'State-backed group targeting the Arden Electoral Commission';
    const pipeline = 'Ransomware attack on the Arden North fuel pipeline';
    expect(first['Lumen Systems']!.threads).toEqual({ [election]: { state: 'acknowledged', messages: 2, kind: 'notification' } });
    expect(first['CERT-Arden']!.threads).toEqual({
      [election]: { state: 'acknowledged', messages: 2, kind: 'notification' },
      [pipeline]: { state: 'closed', messages: 6, kind: 'notification' },
      'Communication check': { state: 'answered', messages: 2, kind: 'ping' },
    });
    expect(first['CERT-Borduria']!.threads).toEqual({
      [pipeline]: { state: 'closed', messages: 6, kind: 'notification' },
      'Communication check': { state: 'answered', messages: 2, kind: 'ping' },
    });
    // The deliberately open deadline: CERT-Arden still owes Lumen Systems its response, not yet overdue.
    const arden = await apiGet<ThreadSummary[]>(byName(nodes, 'CERT-Arden'), '/threads');
    const open = arden.find((t) => t.subject === election)!.next_deadline;
    expect(open).not.toBeNull();
    expect(open!.overdue).toBe(false);
    expect(Date.parse(open!.due)).toBeGreaterThan(Date.now());
    // The pipeline notification carries the incident with the Incident Core Extension and the gang's indicators
    // (read from Borduria's store: that is where a received message's evidence is kept).
    const borduria = await openNode(byName(nodes, 'CERT-Borduria').data);
    try {
      const threadId = arden.find((t) => t.subject === pipeline)!.thread_id;
      const notification = (await borduria.store.hotline.listThread(threadId)).find((m) => m.message.kind === 'notification')!;
      expect(notification.direction).toBe('received');
      expect(notification.message.sector).toBe('energy');
      const evidence = await borduria.service.evidenceOf(notification.message);
      const incident = evidence.find((o) => o.type === 'incident');
      expect(Object.keys((incident?.extensions ?? {}) as object)).toContain('extension-definition--ef765651-680c-498d-9894-99799f2fa126');
      expect(evidence.filter((o) => o.type === 'indicator').length).toBeGreaterThanOrEqual(3);
      const request = (await borduria.store.hotline.listThread(threadId)).find((m) => m.message.kind === 'request')!;
      expect(request.message.request_type).toBe('action');
      expect(request.message.attachments.every((a) => notification.message.attachments.some((n) => n.object_ref === a.object_ref))).toBe(true);
    } finally {
      await borduria.close();
    }
  }, 200_000);

  it('stops all three on SIGTERM with exit 0, and parley verify passes on each data directory', async () => {
    const nodes = running!.nodes;
    const code = await running!.stop();
    const out = running!.stdout();
    running = undefined;
    expect(code).toBe(0);
    expect(out).toMatch(/^demo stopped$/m);
    for (const node of nodes) {
      const health = await fetch(`${node.base}/healthz`).then(() => 'up', () => 'down');
      expect(health).toBe('down');
      const r = await verify(node.data);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^verify: OK$/m);
    }
  }, 120_000);

  it('a second start reuses the data: same ports, no new messages, nothing played again', async () => {
    const state = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8')) as { scenariosComplete: boolean };
    expect(state.scenariosComplete).toBe(true);
    running = await startDemo(['--dir', dir]);
    expect(running.stdout()).toMatch(/^demo: scenarios already played; reusing the stored threads$/m);
    expect(running.stdout()).not.toMatch(/^demo: setting up/m);
    expect(await snapshot(running.nodes)).toEqual(first);
    expect(await running.stop()).toBe(0);
    running = undefined;
  }, 200_000);

  it('refuses a non-empty directory that holds no demo, with one line and exit 1', async () => {
    const r = await runParley(['demo', '--dir', join(dir, 'cert-arden'), '--base-port', '0']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^parley: .* is not empty and holds no demo/);
  }, 60_000);
});
