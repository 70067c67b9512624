import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function parley(args: string[], input?: string) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/parley.js'), ...args], { input, encoding: 'utf8', timeout: 20_000 });
}

describe('parley id (real process)', () => {
  it('reads the SCO from standard input with -', () => {
    const fromArg = parley(['id', '{"type":"domain-name","value":"example.com"}']);
    const fromStdin = parley(['id', '-'], '{"value":"example.com","type":"domain-name"}\n');
    expect(fromArg.status).toBe(0);
    expect(fromStdin.status).toBe(0);
    expect(fromStdin.stdout).toMatch(/^domain-name--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n$/);
    expect(fromStdin.stdout).toBe(fromArg.stdout);
  });

  it('exits 2 with one line on standard error for input that is not JSON', () => {
    const r = parley(['id', '-'], 'not json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^parley id: not JSON: /);
  });
});
