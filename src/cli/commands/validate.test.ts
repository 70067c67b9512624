import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../../test/parley-process.ts';

const examples = join(process.cwd(), '..', 'shared', 'stix', 'oasis-examples', 'examples');
const run = (args: string[], input?: string) =>
  runProcess(process.execPath, ['bin/parley.js', 'validate', ...args], { cwd: process.cwd(), timeout: 30_000, ...(input === undefined ? {} : { input }) });

describe('parley validate', () => {
  it('exits 0 on a valid bundle and prints the summary line', async () => {
    const result = await run([join(examples, 'threat-reports', 'apt1.json')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^checked \d+ objects: 0 errors, 0 warnings\n$/);
  });

  it('exits 1 on an invalid object read from standard input, one line per error', async () => {
    const object = { type: 'malware', spec_version: '2.1', id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', is_family: true, malware_types: ['cryptominer'] };
    const result = await run(['-'], JSON.stringify(object));
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      'ERROR malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b $.name: name is required when is_family is true',
      'WARN malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b $.malware_types[0]: "cryptominer" is not in the suggested vocabulary (adware, backdoor, bot, bootkit, ddos, downloader, …)',
      'checked 1 objects: 1 errors, 1 warnings',
      '',
    ]);
  });

  it('uses - for the id of an object without one', async () => {
    const result = await run(['-'], '[{"type":"tool"}]');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('ERROR - $.id: id is required on tool');
  });

  it('exits 2 with one line on stderr when the input is not JSON or cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-validate-'));
    writeFileSync(join(dir, 'broken.json'), '{"type": "indicator",\n');
    const broken = await run([join(dir, 'broken.json')]);
    expect(broken.status).toBe(2);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).toContain('is not JSON');
    const missing = await run([join(dir, 'missing.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe(`parley validate: cannot read ${join(dir, 'missing.json')}: ENOENT`);
  });
});
