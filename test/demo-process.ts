import { spawn, type ChildProcess } from 'node:child_process';

/** One node as `parley demo` prints it. */
export interface DemoNodeLine {
  name: string;
  base: string;
  data: string;
  username: string;
  password: string;
  partyId: string;
}

/** A running `parley demo` child and what it printed. */
export interface DemoRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  nodes: DemoNodeLine[];
  /** SIGTERM, then the exit code (or the signal name). */
  stop(): Promise<number | string>;
}

/** Starts `parley demo ARGS` and waits (bounded) for its `demo ready` line; parses the node blocks. */
export async function startDemo(args: string[], timeoutMs = 150_000): Promise<DemoRun> {
  const child = spawn(process.execPath, ['bin/parley.js', 'demo', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PARLEY_LOG_LEVEL: 'warn' } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => void (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => void (err += c.toString()));
  const exit = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`parley demo not ready within ${timeoutMs} ms\n${out}\n${err}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      if (/^demo ready: /m.test(out)) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    void exit.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`parley demo exited (${code}) before it was ready\n${out}\n${err}`));
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    nodes: parseNodes(out),
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}

function parseNodes(out: string): DemoNodeLine[] {
  const blocks = [...out.matchAll(/^(\S[^\n]*) — [^\n]*\n  console  (http:\/\/127\.0\.0\.1:\d+)\/\n  taxii    [^\n]+\n  api      [^\n]+\n  data     ([^\n]+)\n  login    (\S+) \/ (\S+)\n  party    (identity--\S+)$/gm)];
  return blocks.map((m) => ({ name: m[1]!, base: m[2]!, data: m[3]!, username: m[4]!, password: m[5]!, partyId: m[6]! }));
}

/** GET a node's /api/ path as its demo operator (HTTP Basic). */
export async function apiGet<T>(node: DemoNodeLine, path: string): Promise<T> {
  const res = await fetch(`${node.base}/api${path}`, {
    headers: { authorization: `Basic ${Buffer.from(`${node.username}:${node.password}`).toString('base64')}` },
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`GET ${node.base}/api${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
