// Cross-check against the (non-normative) OASIS JSON schemas: whatever they reject, the validator must reject too.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { validateObject } from './validate.ts';
import { validObjects } from './types/fixtures.test-data.ts';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

const root = join(process.cwd(), '..', 'shared', 'stix', 'oasis-json-schemas');
const ajv = new Ajv2020({ strict: false, allErrors: false, unicodeRegExp: false });
addFormats(ajv);
for (const dir of ['common', 'sdos', 'sros', 'observables']) {
  for (const name of readdirSync(join(root, dir))) ajv.addSchema(JSON.parse(readFileSync(join(root, dir, name), 'utf8')));
}
const base = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';
const schemaFor = (type: string): ValidateFunction | undefined => {
  for (const dir of ['sdos', 'sros', 'common', 'observables']) {
    const schema = ajv.getSchema(`${base}${dir}/${type}.json`);
    if (schema) return schema;
  }
  return undefined;
};

const oasisObjects = (): Record<string, unknown>[] => {
  const dir = join(process.cwd(), '..', 'shared', 'stix', 'oasis-examples', 'examples', 'threat-reports');
  return readdirSync(dir).flatMap((name) => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { objects: Record<string, unknown>[] }).objects);
};

describe('cross-check with the OASIS JSON schemas', () => {
  it('the schemas accept every valid fixture the validator accepts', () => {
    for (const object of Object.values(validObjects)) {
      const schema = schemaFor(object.type as string);
      if (!schema) continue;
      expect(schema(object), `${object.type}: ${JSON.stringify(schema.errors)}`).toBe(true);
    }
  });

  it('the validator rejects every mutated threat-report object the schemas reject', () => {
    const mutations: ((o: Record<string, unknown>) => void)[] = [
      (o) => void (o.created = '2016-05-12T08:17:27Z'),
      (o) => void (o.confidence = 200),
      (o) => void (o.id = `${o.type}--not-a-uuid`),
      (o) => void (o.external_references = [{ source_name: 'cve', external_id: 'CVE-1' }]),
      (o) => void (o.labels = []),
    ];
    let compared = 0;
    for (const object of oasisObjects()) {
      const schema = schemaFor(object.type as string);
      if (!schema) continue;
      for (const mutate of mutations) {
        const copy = structuredClone(object);
        mutate(copy);
        const id = String(copy.id);
        if (!schema(copy)) {
          compared++;
          expect(validateObject(copy).valid, id).toBe(false);
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
