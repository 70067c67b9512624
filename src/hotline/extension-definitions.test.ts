import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { validateObject } from '../stix/validate.ts';
import { AGREEMENT_EXTENSION_ID, MESSAGE_EXTENSION_ID, PARLEY_EXTENSION_OBJECTS, PARTY_EXTENSION_ID } from './extension-definitions.ts';
import { loadSchema, SCHEMA_FILES } from './schema-validator.ts';

const UUID_V4 = /^[a-z-]+--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('extension definitions', () => {
  it('are valid STIX objects with fixed UUIDv4 ids and millisecond timestamps', () => {
    for (const object of PARLEY_EXTENSION_OBJECTS) {
      expect(validateObject(object).valid).toBe(true);
      expect(object.id).toMatch(UUID_V4);
      expect(object.created).toMatch(/\.\d{3}Z$/);
    }
    expect(new Set([MESSAGE_EXTENSION_ID, AGREEMENT_EXTENSION_ID, PARTY_EXTENSION_ID]).size).toBe(3);
  });
  it('name the extension types their schemas describe', () => {
    const types = Object.fromEntries(PARLEY_EXTENSION_OBJECTS.filter((o) => o.type === 'extension-definition').map((o) => [o.id, (o as { extension_types: readonly string[] }).extension_types]));
    expect(types[MESSAGE_EXTENSION_ID]).toEqual(['new-sdo']);
    expect(types[AGREEMENT_EXTENSION_ID]).toEqual(['new-sdo']);
    expect(types[PARTY_EXTENSION_ID]).toEqual(['property-extension']);
  });
  it('publish JSON Schemas that are valid draft 2020-12 under ajv strict mode', () => {
    const ajv = new Ajv2020({ strict: true, strictRequired: false, validateFormats: false });
    for (const file of SCHEMA_FILES) {
      const schema = loadSchema(file);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(ajv.validateSchema(schema)).toBe(true);
      expect(() => ajv.compile(schema)).not.toThrow();
    }
  });
});
