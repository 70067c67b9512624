import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDocument } from './validate.ts';

const shared = join(process.cwd(), '..', 'shared', 'stix');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

const load = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('the OASIS STIX 2.1 examples', () => {
  const files = jsonFiles(join(shared, 'oasis-examples', 'examples'));
  it('are all found', () => expect(files.length).toBeGreaterThanOrEqual(8));
  for (const file of files) {
    it(`${file.slice(shared.length + 1)} validates with no error`, () => {
      expect(validateDocument(load(file)).errors).toEqual([]);
    });
  }
});

describe('the MITRE ATT&CK bundles', () => {
  for (const name of ['ics-attack-18.1.json', 'mobile-attack-17.1.json']) {
    it(`${name} validates with no error (x_mitre_ properties are custom properties)`, () => {
      const result = validateDocument(load(join(shared, 'attack', name)));
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
      // x-mitre-* types come without an extension-definition, and some x_mitre_*_ref hold "": warned about, not rejected.
      const kinds = new Set(result.warnings.map((w) => (w.path === '$.type' ? 'custom type' : w.path)));
      expect([...kinds].sort()).toEqual(name.startsWith('ics') ? ['$.x_mitre_data_source_ref', 'custom type'] : ['custom type']);
    });
  }
});

describe('the TLP marking definitions file', () => {
  it('validates with no error and no warning', () => {
    const result = validateDocument(load(join(shared, 'tlp-marking-definitions.json')));
    expect(result).toEqual({ valid: true, errors: [], warnings: [] });
  });
});
