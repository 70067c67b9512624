import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** bin/parley.js of this checkout. */
export const PARLEY_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'parley.js');

/** Options of a `parley serve` child. */
export interface ServeOptions {
  dataDir: string;
  port: number;
  /** Extra environment (e.g. PARLEY_FAULT for the fault tests). */
  env?: Record<string, string>;
  /** How long to wait for the `listening on` line. */
  startTimeoutMs?: number;
  /** Where the child's stderr (JSON logs) goes: a callback per line; default: dropped. */
  onLog?: (line: string) => void;
  extraArgs?: string[];
}

/** A running `parley serve` child process. */
export interface NodeProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** SIGTERM, then wait for exit (SIGKILL after `graceMs`); resolves with the exit code (null when killed). */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL at once (a crash), resolving once the process is gone. */
  kill(): Promise<void>;
  /** Resolves when the process exits by itself. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node bin/parley.js serve --data DIR --port P` and waits for its `listening on URL` line. */
export function startNodeProcess(options: ServeOptions): Promise<NodeProcess> {
  const child = spawn(process.execPath, [PARLEY_BIN, 'serve', '--data', options.dataDir, '--port', String(options.port), ...(options.extraArgs ?? [])], {
    env: { ...process.env, PARLEY_LOG_LEVEL: process.env.PARLEY_LOG_LEVEL ?? 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
    options.onLog?.(line);
  });
  return new Promise((resolve, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 30_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`parley serve --data ${options.dataDir} did not start within ${timeoutMs} ms\n${stderrTail.join('\n')}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^listening on (\S+)/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(nodeProcess(child, match[1]!, exited));
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`parley serve --data ${options.dataDir} exited (${signal ?? code}) before listening\n${stderrTail.join('\n')}`));
    });
  });
}

function nodeProcess(child: ChildProcess, url: string, exited: NodeProcess['exited']): NodeProcess {
  return {
    url: url.replace(/\/+$/, ''),
    pid: child.pid!,
    child,
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const { code } = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
