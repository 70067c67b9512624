import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess } from './parley-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-pattern-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parley(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return parleyWithInput('', ...args);
}

async function parleyWithInput(input: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = await runProcess(process.execPath, ['bin/parley.js', 'pattern', ...args], { input });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function od(n: number, at: string, refs: string[]): Record<string, unknown> {
  return { type: 'observed-data', spec_version: '2.1', id: `observed-data--0000000${n}-0000-4000-8000-000000000000`, created: at, modified: at, first_observed: at, last_observed: at, number_observed: 1, object_refs: refs };
}

const bundle = {
  type: 'bundle',
  id: 'bundle--00000000-0000-4000-8000-000000000000',
  objects: [
    od(1, '2026-01-01T00:00:00Z', ['ipv4-addr--1']),
    od(2, '2026-01-01T00:00:10Z', ['domain-name--1']),
    od(3, '2026-01-01T00:00:20Z', ['ipv4-addr--2']),
    { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--1', value: '10.0.0.1' },
    { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--2', value: '10.0.0.2' },
    { type: 'domain-name', spec_version: '2.1', id: 'domain-name--1', value: 'evil.example' },
  ],
};
const bundleFile = join(dir, 'bundle.json');
writeFileSync(bundleFile, JSON.stringify(bundle));
const listFile = join(dir, 'list.json');
writeFileSync(listFile, JSON.stringify(bundle.objects));
const notJson = join(dir, 'broken.json');
writeFileSync(notJson, '{"type": "bundle",');

describe('parley pattern check', () => {
  it('prints valid and exits 0 for a valid pattern', async () => {
    expect(await parley('check', "[ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [domain-name:value LIKE '%.example']")).toEqual({ code: 0, stdout: 'valid\n', stderr: '' });
  });

  it('prints one line with the position and exits 1 for an invalid pattern', async () => {
    const run = await parley('check', "[ipv4-addr:value = '10.0.0.1'");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("invalid pattern at 29: expected ']' after comparison expression, found end of pattern\n");
  });
});

describe('parley pattern match', () => {
  it('lists the matching observations and exits 0', async () => {
    const run = await parley('match', "[ipv4-addr:value ISSUBSET '10.0.0.0/8']", bundleFile);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'match: observed-data--00000001-0000-4000-8000-000000000000\n' +
        'match: observed-data--00000003-0000-4000-8000-000000000000\n' +
        'matched 2 of 3 observations\n',
    );
  });

  it('reads a plain JSON list and respects FOLLOWEDBY', async () => {
    const run = await parley('match', "[domain-name:value = 'evil.example'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.2']", listFile);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(3);
    expect(run.stdout).toContain('matched 2 of 3 observations');
  });

  it('prints no match and exits 1 when nothing matches', async () => {
    expect(await parley('match', "[domain-name:value = 'evil.example'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1']", bundleFile)).toEqual({ code: 1, stdout: 'no match\n', stderr: '' });
  });

  it('reads standard input for -, including the embedded objects form', async () => {
    const embedded = [{ type: 'observed-data', id: 'observed-data--e', first_observed: '2026-01-01T00:00:00Z', last_observed: '2026-01-01T00:00:00Z', number_observed: 1, objects: { '0': { type: 'ipv4-addr', value: '10.0.0.9' }, '1': { type: 'network-traffic', dst_ref: '0' } } }];
    const run = await parleyWithInput(JSON.stringify(embedded), 'match', "[network-traffic:dst_ref.value = '10.0.0.9']", '-');
    expect(run).toEqual({ code: 0, stdout: 'match: observed-data--e\nmatched 1 of 1 observations\n', stderr: '' });
  });

  it('exits 2 on a missing argument', async () => {
    expect((await parley('check')).code).toBe(2);
    expect((await parley('match', "[a:b = 1]")).code).toBe(2);
  });

  it('exits 2 on a bad pattern, a missing file or a file that is not JSON', async () => {
    const bad = await parley('match', '[ipv4-addr:value =', bundleFile);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^parley: invalid pattern at 18: /);
    const missing = await parley('match', "[ipv4-addr:value = '1']", join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^parley: cannot read .*nope\.json/);
    const broken = await parley('match', "[ipv4-addr:value = '1']", notJson);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/not valid JSON/);
    const wrongShape = join(dir, 'number.json');
    writeFileSync(wrongShape, '42');
    expect((await parley('match', "[ipv4-addr:value = '1']", wrongShape)).code).toBe(2);
  });
});
