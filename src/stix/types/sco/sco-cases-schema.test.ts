import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { extensionScoCases } from './sco-extension-cases.ts';
import { scoCases } from './sco-validation-cases.ts';

// A cross-check of the validation case table against the OASIS STIX 2.1 JSON schemas (non-normative), so the
// cases are known to be right before the engine that must agree with them exists.
const SCHEMAS = join(import.meta.dirname, '../../../../../shared/stix/oasis-json-schemas');
const BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/observables/';
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;

// What the schemas cannot see (shared/README.md): reference target types and cross-property orderings, plus a few
// constraints the schemas leave out.
const SCHEMA_BLIND = new Set([
  'contains_refs → file/directory', 'resolves_to_refs → ip/domain', 'belongs_to_ref → user-account',
  'from_ref → email-addr', 'cc_refs → email-addr', 'raw_email_ref → artifact', 'parent_directory_ref → directory',
  'contains_refs → SCOs', 'content_ref → artifact', 'resolves_to_refs → mac-addr', 'belongs_to_refs → autonomous-system',
  'end not before start', 'src_ref → ip/mac/domain', 'src_payload_ref → artifact', 'encapsulated_by_ref → network-traffic',
  'byte counts non-negative', 'image_ref → file', 'child_refs → process', 'opened_connection_refs → network-traffic',
  'environment values are strings', 'creator_user_ref → user-account', 'number_of_subkeys non-negative',
  'message_body_data_ref → artifact', 'service_dll_refs → file',
]);

function schemaValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false, logger: false });
  addFormats(ajv);
  for (const dir of ['common', 'observables']) {
    for (const f of readdirSync(join(SCHEMAS, dir))) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, dir, f), 'utf8')));
  }
  return (object: Record<string, unknown>) => {
    const validate = ajv.getSchema(`${BASE}${String(object.type)}.json`);
    if (!validate) throw new Error(`no OASIS schema for ${String(object.type)}`);
    return validate(object) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

describe('SCO validation cases against the OASIS JSON schemas', () => {
  const check = schemaValidator();
  for (const c of [...scoCases, ...extensionScoCases]) {
    it(`${c.name}: the valid example passes and every broken rule the schemas can see fails`, () => {
      expect(check(c.valid)).toEqual([]);
      for (const b of c.broken) {
        // The schemas accept any extension name on any SCO, so the wrong-host variants are also beyond them.
        if (SCHEMA_BLIND.has(b.rule) || b.rule.startsWith('applies only to')) continue;
        expect(check(b.change(c.valid)), `${c.name}: ${b.rule}`).not.toEqual([]);
      }
    });
  }
});
