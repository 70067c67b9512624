import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStixBundle } from './parse-bundle.ts';

const examples = new URL('../../../../shared/stix/oasis-examples/examples/', import.meta.url);

describe('parseStixBundle', () => {
  it('reads the OASIS poisonivy report bundle', () => {
    const text = readFileSync(new URL('threat-reports/poisonivy.json', examples), 'utf8');
    const result = parseStixBundle(text, 'poisonivy.json');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.objects.length).toBe(JSON.parse(text).objects.length);
      expect(result.objects.some((o) => o.type === 'malware')).toBe(true);
    }
  });
  it('rejects text that is not JSON', () => {
    const result = parseStixBundle('{"type": "bundle",', 'x.json');
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toMatch(/^x\.json is not JSON/);
  });
  it('rejects a single object that is not a bundle, naming what it found', () => {
    const result = parseStixBundle('{"type":"indicator","id":"indicator--1"}', 'ind.json');
    expect(result).toEqual({
      ok: false,
      error: 'ind.json is not a STIX bundle: expected "type": "bundle", found an object of type "indicator".',
    });
  });
  it('rejects an array, a bundle without objects and an empty bundle', () => {
    expect(parseStixBundle('[]').ok).toBe(false);
    expect(parseStixBundle('{"type":"bundle","id":"bundle--1"}')).toMatchObject({ ok: false, error: expect.stringContaining('without an "objects" list') });
    expect(parseStixBundle('{"type":"bundle","id":"bundle--1","objects":[]}')).toMatchObject({ ok: false, error: expect.stringContaining('holds no objects') });
  });
  it('rejects objects without type or id, or with a mismatched id', () => {
    expect(parseStixBundle('{"type":"bundle","objects":[{"id":"x--1"}]}')).toMatchObject({ ok: false, error: expect.stringContaining('Object 0') });
    expect(parseStixBundle('{"type":"bundle","objects":[{"type":"malware","id":"tool--1"}]}')).toMatchObject({ ok: false, error: expect.stringContaining('does not start with "malware--"') });
  });
});
