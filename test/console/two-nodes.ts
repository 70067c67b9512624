import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Two real Parley nodes, A and B, set up only through the `parley` CLI and run as `parley serve` children on
 * 127.0.0.1. The CLI commands are the node engineer's (service-contract.md); every one is listed in `CLI` so that
 * a changed flag is fixed in one place.
 */
export const OPERATOR_PASSWORD = 'duty officer pass 1';
const PEER_PASSWORD = 'node to node secret 1';

export const CLI = Object.freeze({
  init: (name: string, url: string) => ['init', '--name', name, '--url', url],
  partyExport: () => ['party', 'export'],
  partyAdd: (file: string) => ['party', 'add', file],
  partyCredentials: (party: string, username: string) => ['party', 'credentials', party, '--username', username, '--password-stdin'],
  accountAdd: (name: string, collection: string) => ['account', 'add', name, '--password-stdin', '--write', collection],
  agreementPropose: (peer: string, file: string) => ['agreement', 'propose', '--with', peer, '--name', 'Hotline agreement A-B', '--out', file],
  agreementSign: (fileOrId: string) => ['agreement', 'sign', fileOrId],
  operatorAdd: (name: string, role: string) => ['operator', 'add', name, '--role', role, '--password-stdin'],
  sendNotification: (to: string) => ['send', 'notification', '--to', to, '--priority', 'flash', '--tlp', 'amber',
    '--subject', 'Ransomware at a regional hospital', '--body', 'Encryption of clinical systems since 07:40 UTC.',
    '--sector', 'healthcare', '--severity', 'critical', '--incident', 'Ransomware at a regional hospital'],
});

/** One node: its data directory, its base URL, its party record and (once started) its `parley serve` child. */
export interface TestNode {
  name: string;
  dir: string;
  url: string;
  party: { id: string; name: string; extensions: Record<string, { taxii?: { inbox_collection_id: string } }> };
  child?: ChildProcess;
}

/** Runs `parley ARGS --data DIR`; throws with the command's own error line on a non-zero exit. */
export function parley(dir: string, args: readonly string[], input?: string): string {
  const r = spawnSync(process.execPath, ['bin/parley.js', ...args, '--data', dir], { input, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`parley ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** A free TCP port on 127.0.0.1 (the party record names the node's URL before the node starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function inboxOf(node: TestNode): string {
  const ext = Object.values(node.party.extensions).find((e) => e.taxii !== undefined);
  if (!ext?.taxii) throw new Error(`${node.name}'s party record has no TAXII inbox`);
  return ext.taxii.inbox_collection_id;
}

/** Initialises A and B, exchanges party records and node credentials, signs an agreement, adds operators. */
export async function setUpTwoNodes(): Promise<{ a: TestNode; b: TestNode; ports: [number, number]; cleanup(): void }> {
  const root = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const ports: [number, number] = [await freePort(), await freePort()];
  const nodes = (['CERT-A', 'CERT-B'] as const).map((name, i): TestNode => {
    const dir = join(root, name);
    const url = `http://127.0.0.1:${ports[i]}`;
    parley(dir, CLI.init(name, url));
    return { name, dir, url, party: JSON.parse(parley(dir, CLI.partyExport())) as TestNode['party'] };
  });
  const [a, b] = nodes;
  for (const [self, peer] of [[a, b], [b, a]] as const) {
    const file = join(root, `${peer.name}.party.json`);
    writeFileSync(file, JSON.stringify(peer.party));
    parley(self.dir, CLI.partyAdd(file));
    // The peer's node writes into this node's inbox with this account, and this node uses its credentials there.
    parley(self.dir, CLI.accountAdd(peer.name.toLowerCase(), inboxOf(self)), PEER_PASSWORD);
    parley(self.dir, CLI.partyCredentials(peer.party.id, self.name.toLowerCase()), PEER_PASSWORD);
    parley(self.dir, CLI.operatorAdd('officer', 'duty-officer'), OPERATOR_PASSWORD);
    parley(self.dir, CLI.operatorAdd('supervisor', 'supervisor'), OPERATOR_PASSWORD);
  }
  const proposal = join(root, 'agreement.json');
  parley(a.dir, CLI.agreementPropose(b.party.id, proposal));
  parley(b.dir, CLI.agreementSign(proposal));
  parley(a.dir, CLI.agreementSign(proposal));
  return { a, b, ports, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Starts `parley serve` for a node on its port; resolves once it prints `listening on`. */
export async function serveNode(node: TestNode, port: number): Promise<void> {
  const child = spawn(process.execPath, ['bin/parley.js', 'serve', '--host', '127.0.0.1', '--port', String(port), '--data', node.dir], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PARLEY_LOG_LEVEL: 'warn' },
  });
  node.child = child;
  let stdout = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${node.name} did not start: ${stdout}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/^listening on http:\/\/\S+$/m.test(stdout)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`${node.name}'s serve exited with ${code}: ${stdout}`)));
  });
}

/** Stops a node's serve child (SIGTERM) and waits for it to exit. */
export async function stopNode(node: TestNode): Promise<void> {
  const child = node.child;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Polls `check` every 250 ms until it returns a value, at most `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; Date.now() < deadline && i < 400; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** An authenticated GET on a node's /api/ with Basic operator credentials. */
export async function apiGet<T>(node: TestNode, path: string, user = 'officer'): Promise<T> {
  const res = await fetch(`${node.url}/api${path}`, { headers: { authorization: `Basic ${Buffer.from(`${user}:${OPERATOR_PASSWORD}`).toString('base64')}` } });
  if (!res.ok) throw new Error(`GET ${path} on ${node.name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
