import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../parley-process.ts';

/**
 * Two real Parley nodes, A and B, set up only through the `parley` CLI (docs/hotline-cli.md) and run as
 * `parley serve` children on 127.0.0.1 port 0. Every CLI command is listed in `CLI` so a changed flag is fixed
 * in one place.
 */
export const OPERATOR_PASSWORD = 'duty officer pass 1';
export const SUBJECT = 'Ransomware at a regional hospital';
export const INCIDENT_ID = 'incident--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061';

export const CLI = Object.freeze({
  init: (name: string) => ['init', '--name', name],
  partyAdd: (url: string) => ['party', 'add', url],
  partyCredentials: (party: string, username: string) => ['party', 'credentials', party, '--username', username, '--password-stdin'],
  accountAdd: (name: string, collection: string) => ['account', 'add', name, '--password-stdin', '--write', collection],
  agreementPropose: (peer: string) => ['agreement', 'propose', '--party', peer, '--name', 'Hotline agreement A-B',
    '--deadline', 'notification:flash:60:480', '--deadline', 'ping:routine:60', '--sector', 'healthcare'],
  agreementSign: (id: string) => ['agreement', 'sign', id],
  operatorAdd: (name: string, role: string) => ['operator', 'add', name, '--role', role, '--password-stdin'],
  sendNotification: (to: string, evidence: string) => ['send', 'notification', '--to', to, '--priority', 'flash', '--tlp', 'amber',
    '--subject', SUBJECT, '--body', 'Encryption of clinical systems since 07:40 UTC.',
    '--sector', 'healthcare', '--severity', 'critical', '--evidence', evidence],
});

/** One node: its data directory, party id, inbox collection and (once started) its URL and `parley serve` child. */
export interface TestNode {
  name: string;
  dir: string;
  partyId: string;
  inbox: string;
  url: string;
  child?: ChildProcess;
}

/** Runs `parley ARGS --data DIR` without blocking; throws with the command's own error line on a non-zero exit. */
export async function parley(dir: string, args: readonly string[], input?: string): Promise<string> {
  const r = await runProcess(process.execPath, ['bin/parley.js', ...args, '--data', dir], input === undefined ? {} : { input });
  if (r.status !== 0) throw new Error(`parley ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** Starts `parley serve --port 0` for a node; resolves once it prints `listening on URL` and records the URL. */
export async function serveNode(node: TestNode): Promise<void> {
  const child = spawn(process.execPath, ['bin/parley.js', 'serve', '--host', '127.0.0.1', '--port', '0', '--data', node.dir], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PARLEY_LOG_LEVEL: 'warn' },
  });
  node.child = child;
  // The node's JSON log (warnings and errors) goes to DATA/serve.log for post-mortems.
  child.stderr!.pipe(createWriteStream(join(node.dir, 'serve.log'), { flags: 'a' }));
  let stdout = '';
  node.url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${node.name} did not start: ${stdout}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const m = /^listening on (http:\/\/\S+?)\/?$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`${node.name}'s serve exited with ${code}: ${stdout}`)));
  });
}

/** Stops a node's serve child (SIGTERM) and waits for it to exit. */
export async function stopNode(node: TestNode): Promise<void> {
  const child = node.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function initNode(root: string, name: string): Promise<TestNode> {
  const dir = join(root, name);
  const out = await parley(dir, CLI.init(name));
  const field = (label: string) => new RegExp(`^${label} (\\S+)$`, 'm').exec(out)?.[1];
  const partyId = field('party');
  const inbox = field('inbox');
  if (!partyId || !inbox) throw new Error(`parley init printed no party or inbox: ${out}`);
  return { name, dir, partyId, inbox, url: '' };
}

/** The incident a notification names (and an indicator of it), as STIX objects dated now. */
export function incidentObjects(): Record<string, unknown>[] {
  const at = new Date().toISOString();
  return [
    { type: 'incident', spec_version: '2.1', id: INCIDENT_ID, created: at, modified: at, name: SUBJECT },
    { type: 'indicator', spec_version: '2.1', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: at, modified: at,
      name: 'C2 server', pattern: "[ipv4-addr:value = '198.51.100.7']", pattern_type: 'stix', valid_from: at, indicator_types: ['malicious-activity'] },
  ];
}

/** A STIX bundle of `incidentObjects()` written to `dir`; returns its path. */
export function incidentBundle(dir: string): string {
  const file = join(dir, 'incident.json');
  writeFileSync(file, JSON.stringify({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: incidentObjects() }));
  return file;
}

/**
 * Initialises A and B, starts both, exchanges party records (fetched from `/api/party`) and node credentials,
 * adds an officer and a supervisor on each, and puts an agreement in force (proposed by A, signed by B).
 */
export async function setUpTwoNodes(): Promise<{ a: TestNode; b: TestNode; root: string; cleanup(): Promise<void> }> {
  const root = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const [a, b] = await Promise.all([initNode(root, 'CERT-A'), initNode(root, 'CERT-B')]);
  const cleanup = async () => {
    await Promise.all([stopNode(a), stopNode(b)]);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await Promise.all([serveNode(a), serveNode(b)]);
    // Independent commands run side by side (each CLI start costs a few seconds on a loaded machine).
    await Promise.all([[a, b], [b, a]].flatMap(([self, peer]) => {
      // The account the peer gives this node on the peer's inbox, and this node's copy of its credentials.
      const username = `node-${self.name.toLowerCase()}`;
      const password = `secret of ${self.name} on ${peer.name}`;
      return [
        parley(self.dir, CLI.partyAdd(peer.url)).then(() => parley(self.dir, CLI.partyCredentials(peer.name, username), `${password}\n`)),
        parley(peer.dir, CLI.accountAdd(username, peer.inbox), `${password}\n`),
        parley(self.dir, CLI.operatorAdd('officer', 'duty-officer'), `${OPERATOR_PASSWORD}\n`),
        parley(self.dir, CLI.operatorAdd('supervisor', 'supervisor'), `${OPERATOR_PASSWORD}\n`),
      ];
    }));
    const proposed = await parley(a.dir, CLI.agreementPropose(b.name));
    const agreement = /^agreement (\S+) version 1$/m.exec(proposed)?.[1];
    if (!agreement) throw new Error(`agreement propose printed no id: ${proposed}`);
    const signed = await parley(b.dir, CLI.agreementSign(agreement));
    if (!signed.includes('in force')) throw new Error(`agreement not in force: ${signed}`);
    return { a, b, root, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Polls `check` every 200 ms until it returns a value, at most `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; Date.now() < deadline && i < 500; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Basic credentials of an operator (the API takes them besides session tokens). */
export const basicAuth = (user: string): string => `Basic ${Buffer.from(`${user}:${OPERATOR_PASSWORD}`).toString('base64')}`;

/** An authenticated GET on a node's /api/ with Basic operator credentials. */
export async function apiGet<T>(node: TestNode, path: string, user = 'officer'): Promise<T> {
  const res = await fetch(`${node.url}/api${path}`, { headers: { authorization: basicAuth(user) } });
  if (!res.ok) throw new Error(`GET ${path} on ${node.name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
