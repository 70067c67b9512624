import { describe, expect, it } from 'vitest';
import { validateDocument, validateObject } from './validate.ts';
import { validObjects } from './types/fixtures.test-data.ts';
import { INCIDENT_CORE_EXTENSION } from './types/extensions/incident-core.ts';
import { compareTimestamps } from './timestamp.ts';

const indicator = () => structuredClone(validObjects.indicator);
const paths = (issues: { path: string }[]) => issues.map((i) => i.path);
const DEF = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';
const custom = (extra: Record<string, unknown> = {}) => ({
  type: 'x-acme-ticket', spec_version: '2.1', id: 'x-acme-ticket--5e0a3a5f-3c3e-4b4b-9c6f-1f2f3f4f5f6f',
  created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', ...extra,
});

describe('identifiers and common properties', () => {
  it('requires the id prefix to equal the type', () => {
    const result = validateObject({ ...indicator(), id: 'malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' });
    expect(result.errors).toEqual([expect.objectContaining({ path: '$.id', objectId: 'malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' })]);
  });

  it('rejects a UUID with the wrong variant', () => {
    expect(paths(validateObject({ ...indicator(), id: 'indicator--8e2e2d2b-17d4-4cbf-738f-98ee46b3cd3f' }).errors)).toEqual(['$.id']);
  });

  it('bounds confidence to 0..100 and checks lang as a language tag', () => {
    expect(paths(validateObject({ ...indicator(), confidence: 101, lang: 'en_US!' }).errors)).toEqual(['$.confidence', '$.lang']);
    expect(validateObject({ ...indicator(), confidence: 0, lang: 'fr-CA' }).valid).toBe(true);
  });

  it('rejects impossible timestamps', () => {
    expect(paths(validateObject({ ...indicator(), valid_from: '2024-13-01T00:00:00Z' }).errors)).toEqual(['$.valid_from']);
    expect(paths(validateObject({ ...indicator(), valid_from: '2024-01-01T00:00:00+01:00' }).errors)).toEqual(['$.valid_from']);
    expect(paths(validateObject({ ...indicator(), valid_from: '2023-02-29T00:00:00Z' }).errors)).toEqual(['$.valid_from']);
    expect(paths(validateObject({ ...indicator(), valid_from: '2024-04-31T00:00:00Z' }).errors)).toEqual(['$.valid_from']);
    expect(validateObject({ ...indicator(), valid_from: '2024-02-29T00:00:00Z', valid_until: '2024-12-31T23:59:60Z' }).valid).toBe(true);
  });

  it('orders timestamps of different precision', () => {
    expect(compareTimestamps('2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z')).toBe(0);
    expect(compareTimestamps('2024-01-01T00:00:00.5Z', '2024-01-01T00:00:00.499Z')).toBe(1);
    expect(compareTimestamps('2023-12-31T23:59:59.999Z', '2024-01-01T00:00:00Z')).toBe(-1);
  });
});

describe('references', () => {
  it('never accept a bundle as the target', () => {
    const relationship = { ...validObjects.relationship, target_ref: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d' };
    expect(paths(validateObject(relationship).errors)).toEqual(['$.target_ref']);
  });
});

describe('custom properties (§11.1)', () => {
  it('allows conforming names and rejects the others', () => {
    expect(validateObject({ ...indicator(), x_acme_score: 3 }).valid).toBe(true);
    const result = validateObject({ ...indicator(), Score: 3, ab: 1 });
    expect(paths(result.errors)).toEqual(['$.Score', '$.ab']);
  });

  it('warns when a custom *_ref or *_refs property does not hold identifiers', () => {
    const result = validateObject({ ...indicator(), x_acme_owner_ref: '', x_acme_peer_refs: ['identity--023d105b-752e-4e3c-941c-7d3f3cb15e9e', 'nobody'] });
    expect(result.valid).toBe(true);
    expect(paths(result.warnings)).toEqual(['$.x_acme_owner_ref', '$.x_acme_peer_refs[1]']);
  });

  it('applies the rule inside nested objects too', () => {
    const result = validateObject({ ...indicator(), external_references: [{ source_name: 'acme', url: 'https://acme.example/1', 'Bad-Key': 1 }] });
    expect(paths(result.errors)).toEqual(["$.external_references[0]['Bad-Key']"]);
  });
});

describe('open vocabularies and hashes', () => {
  it('warns, without error, on a value outside an open vocabulary', () => {
    const result = validateObject({ ...indicator(), indicator_types: ['malicious-activity', 'very-bad'] });
    expect(result.valid).toBe(true);
    expect(paths(result.warnings)).toEqual(['$.indicator_types[1]']);
  });

  it('warns on identity_class and region outside their vocabularies', () => {
    expect(paths(validateObject({ ...validObjects.identity, identity_class: 'team' }).warnings)).toEqual(['$.identity_class']);
    expect(paths(validateObject({ ...validObjects.location, region: 'atlantis' }).warnings)).toEqual(['$.region']);
  });

  it('checks digests of known algorithms and warns on unknown algorithm names', () => {
    const refs = [{ source_name: 'acme', url: 'https://acme.example/x', hashes: { sha256: 'aa', 'SHA-1': 'zz' } }];
    const result = validateObject({ ...indicator(), external_references: refs });
    expect(paths(result.errors)).toEqual(["$.external_references[0].hashes['SHA-1']"]);
    expect(result.warnings[0].message).toContain('did you mean');
  });
});

describe('granular markings (§7.2.3)', () => {
  const marking = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
  it('accepts selectors that resolve, including list indexes', () => {
    const object = { ...indicator(), description: 'd', labels: ['a', 'b'], external_references: [{ source_name: 's', url: 'https://x.example' }],
      granular_markings: [{ marking_ref: marking, selectors: ['description', 'labels.[1]', 'external_references.[0].url'] }, { lang: 'de', selectors: ['pattern'] }] };
    expect(validateObject(object).errors).toEqual([]);
  });

  it('rejects out-of-range indexes and markings with both lang and marking_ref', () => {
    const object = { ...indicator(), labels: ['a'], granular_markings: [{ marking_ref: marking, lang: 'en', selectors: ['labels.[1]'] }] };
    expect(paths(validateObject(object).errors).sort()).toEqual(['$.granular_markings[0].marking_ref', '$.granular_markings[0].selectors[0]']);
  });
});

describe('custom objects and extensions (§7.3, §11.2)', () => {
  it('warns on a custom type without an extension definition', () => {
    const result = validateObject(custom());
    expect(result.valid).toBe(true);
    expect(paths(result.warnings)).toEqual(['$.type']);
  });

  it('accepts a custom type defined by a new-sdo extension definition, with SDO common properties required', () => {
    expect(validateObject(custom({ extensions: { [DEF]: { extension_type: 'new-sdo' } } }))).toEqual({ valid: true, errors: [], warnings: [] });
    const missing = custom({ extensions: { [DEF]: { extension_type: 'new-sdo' } } }) as Record<string, unknown>;
    delete missing.modified;
    expect(paths(validateObject(missing).errors)).toEqual(['$.modified']);
  });

  it('rejects invalid custom type names', () => {
    expect(paths(validateObject({ ...custom(), type: 'X_Ticket' }).errors).sort()).toEqual(['$.id', '$.type']);
  });

  it('rejects new-sdo on a predefined type and unknown extension types', () => {
    expect(paths(validateObject({ ...indicator(), extensions: { [DEF]: { extension_type: 'new-sdo' } } }).errors)).toEqual([`$.extensions['${DEF}'].extension_type`]);
    expect(paths(validateObject({ ...indicator(), extensions: { [DEF]: { extension_type: 'plugin' } } }).errors)).toEqual([`$.extensions['${DEF}'].extension_type`]);
  });

  it('lets a toplevel-property-extension add top-level properties', () => {
    const extensions = { [DEF]: { extension_type: 'toplevel-property-extension' } };
    expect(validateObject({ ...indicator(), extensions, ab: 1 }).valid).toBe(true);
  });

  it('warns on deprecated 2.0-style custom extensions', () => {
    const result = validateObject({ ...indicator(), extensions: { 'x-acme-ext': { score: 1 } } });
    expect(result.valid).toBe(true);
    expect(paths(result.warnings)).toEqual(["$.extensions['x-acme-ext']"]);
  });

  it('checks the Incident Core Extension', () => {
    const path = `$.extensions['${INCIDENT_CORE_EXTENSION}']`;
    const good = { ...validObjects.incident, extensions: { [INCIDENT_CORE_EXTENSION]: { extension_type: 'property-extension', determination: 'successful-attempt', investigation_status: 'open', criticality: 80 } } };
    expect(validateObject(good)).toEqual({ valid: true, errors: [], warnings: [] });
    const bad = { ...validObjects.incident, extensions: { [INCIDENT_CORE_EXTENSION]: { extension_type: 'property-extension', determination: 'successful-attempt', criticality: 101 } } };
    expect(paths(validateObject(bad).errors)).toEqual([`${path}.criticality`, `${path}.investigation_status`]);
    expect(paths(validateObject({ ...indicator(), extensions: good.extensions }).errors)).toEqual([path]);
  });
});

describe('TLP marking definitions', () => {
  const TLP2 = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
  const marking = (id: string, level: string) => ({ type: 'marking-definition', spec_version: '2.1', id, created: '2022-10-01T00:00:00.000Z', name: 'TLP', extensions: { [TLP2]: { extension_type: 'property-extension', tlp_2_0: level } } });

  it('warns on a TLP 2.0 marking with an unpublished id', () => {
    const result = validateObject(marking('marking-definition--0d8b6f0e-6c1e-4c1b-9a2e-1f5d7c3b2a10', 'amber'));
    expect(result.errors).toEqual([]);
    expect(paths(result.warnings)).toEqual(['$.id']);
  });

  it('rejects a published TLP 2.0 id carrying another level', () => {
    expect(paths(validateObject(marking('marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', 'clear')).errors)).toEqual([`$.extensions['${TLP2}'].tlp_2_0`]);
  });
});

describe('documents', () => {
  it('rejects values that are not objects', () => {
    expect(validateObject('indicator').errors).toHaveLength(1);
    expect(validateDocument([1, validObjects.tool]).errors).toEqual([expect.objectContaining({ path: '$' })]);
  });

  it('keeps paths relative to the object inside a bundle', () => {
    const bundle = { type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [validObjects.tool, { ...validObjects.malware, is_family: 'no' }] };
    const result = validateDocument(bundle);
    expect(result.errors).toEqual([expect.objectContaining({ objectId: validObjects.malware.id, path: '$.is_family' })]);
  });

  it('checks the bundle envelope', () => {
    const result = validateDocument({ type: 'bundle', id: 'report--5d0092c5-5f74-4287-9642-33f4c354e56d', spec_version: '2.0', objects: [] });
    expect(paths(result.errors)).toEqual(['$.id', '$.objects']);
    expect(paths(result.warnings)).toEqual(['$.spec_version']);
  });
});
