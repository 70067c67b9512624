import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPattern } from './parser.ts';

const EXAMPLES = resolve(process.cwd(), '../shared/stix/oasis-examples');

/** Every STIX-language indicator pattern in the OASIS example files. */
function examplePatterns(): string[] {
  const patterns = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if (object.type === 'indicator' && typeof object.pattern === 'string' && (object.pattern_type ?? 'stix') === 'stix') {
        patterns.add(object.pattern);
      }
      Object.values(object).forEach(visit);
    }
  };
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) visit(JSON.parse(readFileSync(path, 'utf8')));
    }
  };
  walk(EXAMPLES);
  return [...patterns];
}

describe('OASIS example indicators', () => {
  it('parses every STIX pattern they carry', () => {
    const patterns = examplePatterns();
    expect(patterns.length).toBeGreaterThan(20);
    const failures = patterns.map((p) => ({ p, r: checkPattern(p) })).filter(({ r }) => !r.ok);
    expect(failures).toEqual([]);
  });
});
