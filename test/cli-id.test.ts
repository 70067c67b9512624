import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess, type ProcessResult } from './parley-process.ts';

const ROOT = join(import.meta.dirname, '..');

function parley(args: string[], input?: string): Promise<ProcessResult> {
  return runProcess(process.execPath, [join(ROOT, 'bin/parley.js'), ...args], { timeout: 20_000, ...(input === undefined ? {} : { input }) });
}

describe('parley id (real process)', () => {
  it('reads the SCO from standard input with -', async () => {
    const fromArg = await parley(['id', '{"type":"domain-name","value":"example.com"}']);
    const fromStdin = await parley(['id', '-'], '{"value":"example.com","type":"domain-name"}\n');
    expect(fromArg.status).toBe(0);
    expect(fromStdin.status).toBe(0);
    expect(fromStdin.stdout).toMatch(/^domain-name--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n$/);
    expect(fromStdin.stdout).toBe(fromArg.stdout);
  });

  it('exits 2 with one line on standard error for input that is not JSON', async () => {
    const r = await parley(['id', '-'], 'not json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^parley id: not JSON: /);
  });
});
