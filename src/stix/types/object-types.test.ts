import { describe, expect, it } from 'vitest';
import { validateObject } from '../validate.ts';
import { REFS, validObjects } from './fixtures.test-data.ts';

type Family = 'required' | 'type/format' | 'enum' | 'reference' | 'cross-property' | 'marking selector' | 'vocabulary';
interface Variant {
  family: Family;
  change: (o: Record<string, unknown>) => void;
  path: string;
}

const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const drop = (key: string) => (o: Record<string, unknown>) => void delete o[key];
const set = (key: string, value: unknown) => (o: Record<string, unknown>) => void (o[key] = value);

// Rules every SDO, SRO and meta object shares (§3.2, §7.2.3).
const shared: Variant[] = [
  { family: 'required', change: drop('id'), path: '$.id' },
  { family: 'type/format', change: set('created', '2024-01-02T03:04:05Z'), path: '$.created' },
  { family: 'enum', change: set('spec_version', '2.0'), path: '$.spec_version' },
  { family: 'reference', change: set('created_by_ref', REFS.MALWARE), path: '$.created_by_ref' },
  { family: 'reference', change: set('object_marking_refs', [REFS.IDENTITY]), path: '$.object_marking_refs[0]' },
  { family: 'marking selector', change: set('granular_markings', [{ marking_ref: TLP_GREEN, selectors: ['no_such_property'] }]), path: '$.granular_markings[0].selectors[0]' },
];

const versioned: Variant[] = [{ family: 'cross-property', change: set('modified', '2023-01-01T00:00:00.000Z'), path: '$.modified' }];

const specific: Record<string, Variant[]> = {
  'attack-pattern': [
    { family: 'required', change: drop('name'), path: '$.name' },
    { family: 'type/format', change: set('kill_chain_phases', [{ kill_chain_name: 'x' }]), path: '$.kill_chain_phases[0].phase_name' },
  ],
  campaign: [
    { family: 'required', change: drop('name'), path: '$.name' },
    { family: 'type/format', change: set('first_seen', 'yesterday'), path: '$.first_seen' },
    { family: 'cross-property', change: set('last_seen', '2022-01-01T00:00:00Z'), path: '$.last_seen' },
  ],
  'course-of-action': [
    { family: 'required', change: drop('name'), path: '$.name' },
    { family: 'type/format', change: set('description', 42), path: '$.description' },
  ],
  grouping: [
    { family: 'required', change: drop('context'), path: '$.context' },
    { family: 'type/format', change: set('object_refs', []), path: '$.object_refs' },
    { family: 'reference', change: set('object_refs', ['not-an-id']), path: '$.object_refs[0]' },
  ],
  identity: [
    { family: 'required', change: drop('name'), path: '$.name' },
    { family: 'type/format', change: set('sectors', 'technology'), path: '$.sectors' },
  ],
  incident: [
    { family: 'required', change: drop('name'), path: '$.name' },
    { family: 'type/format', change: set('kill_chain_phases', []), path: '$.kill_chain_phases' },
  ],
  indicator: [
    { family: 'required', change: drop('pattern'), path: '$.pattern' },
    { family: 'required', change: drop('valid_from'), path: '$.valid_from' },
    { family: 'type/format', change: set('valid_from', '2024-01-01 00:00:00'), path: '$.valid_from' },
    { family: 'cross-property', change: set('valid_until', '2024-01-01T00:00:00Z'), path: '$.valid_until' },
  ],
  infrastructure: [
    { family: 'required', change: drop('name'), path: '$.name' },
    { family: 'cross-property', change: set('last_seen', '2022-01-01T00:00:00Z'), path: '$.last_seen' },
  ],
  'intrusion-set': [
    { family: 'required', change: drop('name'), path: '$.name' },
    { family: 'type/format', change: set('secondary_motivations', 'revenge'), path: '$.secondary_motivations' },
    { family: 'cross-property', change: set('last_seen', '2022-01-01T00:00:00Z'), path: '$.last_seen' },
  ],
  location: [
    { family: 'type/format', change: set('latitude', 91), path: '$.latitude' },
    { family: 'cross-property', change: drop('longitude'), path: '$.longitude' },
    { family: 'required', change: (o) => { delete o.region; delete o.latitude; delete o.longitude; }, path: '$' },
  ],
  malware: [
    { family: 'required', change: drop('is_family'), path: '$.is_family' },
    { family: 'cross-property', change: drop('name'), path: '$.name' },
    { family: 'reference', change: set('sample_refs', [REFS.INDICATOR]), path: '$.sample_refs[0]' },
    { family: 'type/format', change: set('is_family', 'yes'), path: '$.is_family' },
  ],
  'malware-analysis': [
    { family: 'required', change: drop('product'), path: '$.product' },
    { family: 'cross-property', change: drop('result'), path: '$' },
    { family: 'reference', change: set('sample_ref', REFS.MALWARE), path: '$.sample_ref' },
    { family: 'reference', change: set('analysis_sco_refs', [REFS.MALWARE]), path: '$.analysis_sco_refs[0]' },
    { family: 'cross-property', change: set('analysis_ended', '2023-01-01T00:00:00Z'), path: '$.analysis_ended' },
  ],
  note: [
    { family: 'required', change: drop('content'), path: '$.content' },
    { family: 'required', change: drop('object_refs'), path: '$.object_refs' },
  ],
  'observed-data': [
    { family: 'required', change: drop('number_observed'), path: '$.number_observed' },
    { family: 'type/format', change: set('number_observed', 0), path: '$.number_observed' },
    { family: 'type/format', change: set('number_observed', 1_000_000_000), path: '$.number_observed' },
    { family: 'cross-property', change: set('objects', { 0: { type: 'file', name: 'a.exe' } }), path: '$.object_refs' },
    { family: 'cross-property', change: drop('object_refs'), path: '$' },
    { family: 'reference', change: set('object_refs', [REFS.MALWARE]), path: '$.object_refs[0]' },
    { family: 'cross-property', change: set('last_observed', '2023-01-01T00:00:00Z'), path: '$.last_observed' },
  ],
  opinion: [
    { family: 'required', change: drop('opinion'), path: '$.opinion' },
    { family: 'enum', change: set('opinion', 'maybe'), path: '$.opinion' },
  ],
  report: [
    { family: 'required', change: drop('published'), path: '$.published' },
    { family: 'type/format', change: set('object_refs', []), path: '$.object_refs' },
  ],
  'threat-actor': [
    { family: 'required', change: drop('name'), path: '$.name' },
    { family: 'cross-property', change: (o) => { o.first_seen = '2024-01-01T00:00:00Z'; o.last_seen = '2023-01-01T00:00:00Z'; }, path: '$.last_seen' },
  ],
  tool: [
    { family: 'required', change: drop('name'), path: '$.name' },
    { family: 'type/format', change: set('tool_version', 2), path: '$.tool_version' },
  ],
  vulnerability: [
    { family: 'required', change: drop('name'), path: '$.name' },
    { family: 'cross-property', change: set('external_references', [{ source_name: 'cve', external_id: 'CVE-16-1' }]), path: '$.external_references[0].external_id' },
    { family: 'cross-property', change: set('external_references', [{ source_name: 'capec', external_id: '163' }]), path: '$.external_references[0].external_id' },
    { family: 'required', change: set('external_references', [{ source_name: 'nvd' }]), path: '$.external_references[0]' },
    { family: 'type/format', change: set('external_references', [{ source_name: 'x', url: 'not a url', hashes: { 'SHA-256': 'abc' } }]), path: '$.external_references[0].hashes[\'SHA-256\']' },
  ],
  relationship: [
    { family: 'required', change: drop('source_ref'), path: '$.source_ref' },
    { family: 'type/format', change: set('relationship_type', 'Indicates'), path: '$.relationship_type' },
    { family: 'reference', change: set('target_ref', 'relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad'), path: '$.target_ref' },
    { family: 'cross-property', change: set('stop_time', '2024-01-01T00:00:00Z'), path: '$.stop_time' },
  ],
  sighting: [
    { family: 'required', change: drop('sighting_of_ref'), path: '$.sighting_of_ref' },
    { family: 'reference', change: set('sighting_of_ref', REFS.FILE), path: '$.sighting_of_ref' },
    { family: 'reference', change: set('where_sighted_refs', [REFS.MALWARE]), path: '$.where_sighted_refs[0]' },
    { family: 'reference', change: set('observed_data_refs', [REFS.INDICATOR]), path: '$.observed_data_refs[0]' },
    { family: 'type/format', change: set('count', 1_000_000_000), path: '$.count' },
    { family: 'cross-property', change: set('last_seen', '2023-01-01T00:00:00Z'), path: '$.last_seen' },
  ],
  'marking-definition': [
    { family: 'required', change: drop('definition'), path: '$.definition' },
    { family: 'cross-property', change: set('modified', '2024-01-01T00:00:00.000Z'), path: '$.modified' },
    { family: 'type/format', change: (o) => { o.definition_type = 'tlp'; o.definition = { tlp: 'purple' }; }, path: '$.definition.tlp' },
    { family: 'cross-property', change: (o) => { o.definition_type = 'tlp'; o.definition = { tlp: 'green' }; }, path: '$.id' },
    { family: 'cross-property', change: (o) => { o.id = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da'; o.definition_type = 'tlp'; o.definition = { tlp: 'red' }; }, path: '$.definition.tlp' },
    { family: 'enum', change: set('extensions', { 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'purple' } }), path: "$.extensions['extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d'].tlp_2_0" },
  ],
  'language-content': [
    { family: 'required', change: drop('contents'), path: '$.contents' },
    { family: 'type/format', change: set('contents', { de: 'Bank Angriff' }), path: '$.contents.de' },
  ],
  'extension-definition': [
    { family: 'required', change: drop('schema'), path: '$.schema' },
    { family: 'required', change: drop('created_by_ref'), path: '$.created_by_ref' },
    { family: 'enum', change: set('extension_types', ['new-thing']), path: '$.extension_types[0]' },
    { family: 'cross-property', change: drop('extension_properties'), path: '$.extension_properties' },
  ],
};

describe('valid objects of every type', () => {
  for (const [type, object] of Object.entries(validObjects)) {
    it(`${type} validates with no error and no warning`, () => expect(validateObject(object)).toEqual({ valid: true, errors: [], warnings: [] }));
  }
});

describe('invalid variants of every type', () => {
  for (const [type, object] of Object.entries(validObjects)) {
    const variants = [...shared, ...(type === 'marking-definition' ? [] : versioned), ...specific[type]];
    variants.forEach((variant, i) => {
      it(`${type}: ${variant.family} rule #${i} reports an error at ${variant.path}`, () => {
        const copy = structuredClone(object);
        variant.change(copy);
        const result = validateObject(copy);
        expect(result.valid).toBe(false);
        expect(result.errors.map((e) => e.path)).toContain(variant.path);
      });
    });
  }
});
