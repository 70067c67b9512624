import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** What a finished child process left: exit code (-1 when killed by a signal or the timeout), output, signal. */
export interface ProcessResult {
  status: number;
  stdout: string;
  stderr: string;
  signal: NodeJS.Signals | null;
}

/**
 * Runs `command ARGS` to completion without blocking the test's event loop (spawnSync would stall vitest's worker
 * RPC and any server the test talks to); optional stdin `input`, killed with SIGTERM after `timeout` ms (60 s).
 */
export async function runProcess(command: string, args: readonly string[], options: { input?: string; timeout?: number; cwd?: string } = {}): Promise<ProcessResult> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: options.timeout ?? 60_000, ...(options.cwd === undefined ? {} : { cwd: options.cwd }) });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // A child that exits without reading its input must not fail the run with EPIPE.
  child.stdin!.on('error', () => {});
  child.stdin!.end(options.input ?? '');
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c: number | null, s: NodeJS.Signals | null) => resolve([c, s]));
  });
  return { status: code ?? -1, stdout, stderr, signal };
}

/** Runs `parley ARGS` to completion, optionally with stdin; returns exit code and output. */
export async function runParley(args: string[], input?: string): Promise<{ status: number; stdout: string; stderr: string }> {
  const r = await runProcess(process.execPath, ['bin/parley.js', ...args], input === undefined ? {} : { input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Starts `parley serve --port 0` (plus `extraArgs`) and resolves with the child and its URL once it prints
 * `listening on`; with `logFile`, the node's JSON log (warnings and errors) is appended there for post-mortems.
 */
export async function startServe(dataDir: string, options: { extraArgs?: string[]; logFile?: string } = {}): Promise<{ child: ChildProcess; url: string }> {
  const args = ['bin/parley.js', 'serve', '--host', '127.0.0.1', '--port', '0', ...(options.extraArgs ?? []), '--data', dataDir];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PARLEY_LOG_LEVEL: 'warn' } });
  if (options.logFile) child.stderr!.pipe(createWriteStream(options.logFile, { flags: 'a' }));
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stdout}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const m = /^listening on (http:\/\/\S+)$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stdout}`)));
  });
  return { child, url };
}

/** Waits for a child to exit and returns its code (or signal name). */
export async function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null) return child.exitCode;
  if (child.signalCode !== null) return child.signalCode;
  const [code, signal] = await once(child, 'exit');
  return (code as number | null) ?? (signal as string);
}
