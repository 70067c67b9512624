import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** Runs `parley ARGS` to completion, optionally with stdin; returns exit code and output. */
export function runParley(args: string[], input?: string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/parley.js', ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
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
