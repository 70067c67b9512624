/** One valid object of each SDO, SRO and meta type, the starting point of the invalid-variant tests. */
const common = (type: string, uuid: string) => ({
  type,
  spec_version: '2.1',
  id: `${type}--${uuid}`,
  created: '2024-01-02T03:04:05.000Z',
  modified: '2024-02-02T03:04:05.000Z',
});
const IDENTITY = 'identity--023d105b-752e-4e3c-941c-7d3f3cb15e9e';
const MALWARE = 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b';
const FILE = 'file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d';
const INDICATOR = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';

export const REFS = Object.freeze({ IDENTITY, MALWARE, FILE, INDICATOR });

export const validObjects: Readonly<Record<string, Record<string, unknown>>> = {
  'attack-pattern': { ...common('attack-pattern', '0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061'), name: 'Spear Phishing', kill_chain_phases: [{ kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'delivery' }] },
  campaign: { ...common('campaign', '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'), name: 'Green Group Attacks', first_seen: '2023-01-01T00:00:00Z', last_seen: '2023-06-01T00:00:00Z' },
  'course-of-action': { ...common('course-of-action', '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'), name: 'Add TCP port 80 filter rule' },
  grouping: { ...common('grouping', '84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3'), name: 'Suspicious activity', context: 'suspicious-activity', object_refs: [INDICATOR] },
  identity: { ...common('identity', '023d105b-752e-4e3c-941c-7d3f3cb15e9e'), name: 'ACME CERT', identity_class: 'organization', sectors: ['technology'] },
  incident: { ...common('incident', '7a2b0b24-6b2c-4b2b-9a3e-2c1f1c1d1e1f'), name: 'Ransomware at the water utility' },
  indicator: { ...common('indicator', '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'), indicator_types: ['malicious-activity'], pattern: "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']", pattern_type: 'stix', valid_from: '2024-01-01T00:00:00Z', valid_until: '2024-12-31T00:00:00Z' },
  infrastructure: { ...common('infrastructure', '38c47d93-d984-4fd9-b87b-d69d0841628d'), name: 'Poison Ivy C2', infrastructure_types: ['command-and-control'], first_seen: '2023-01-01T00:00:00Z', last_seen: '2023-02-01T00:00:00Z' },
  'intrusion-set': { ...common('intrusion-set', '4e78f46f-a023-4e5f-bc24-71b3ca22ec29'), name: 'Bobcat Breakin', primary_motivation: 'organizational-gain', first_seen: '2023-01-01T00:00:00Z' },
  location: { ...common('location', 'a6e9345f-5a15-4c29-8bb3-7dcc5d168d64'), region: 'europe', latitude: 48.8566, longitude: 2.3522 },
  malware: { ...common('malware', '31b940d4-6f7f-459a-80ea-9c1f17b5891b'), name: 'Cryptolocker', is_family: true, malware_types: ['ransomware'], sample_refs: [FILE] },
  'malware-analysis': { ...common('malware-analysis', 'd25167b7-fed0-4068-9ccd-a73dd2c5b07c'), product: 'microsoft', result: 'malicious', analysis_started: '2024-01-01T00:00:00Z', analysis_ended: '2024-01-01T01:00:00Z', sample_ref: FILE },
  note: { ...common('note', '0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061'), content: 'This note indicates the various steps taken by the threat analyst team.', object_refs: [MALWARE] },
  'observed-data': { ...common('observed-data', 'b67d30ff-02ac-498a-92f9-32f845f448cf'), first_observed: '2024-01-01T00:00:00Z', last_observed: '2024-01-01T01:00:00Z', number_observed: 50, object_refs: [FILE] },
  opinion: { ...common('opinion', 'b01efc25-77b4-4003-b18b-f6e24b5cd9f7'), opinion: 'strongly-disagree', object_refs: [MALWARE] },
  report: { ...common('report', '84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3'), name: 'The Black Vine Cyberespionage Group', report_types: ['campaign'], published: '2024-01-17T13:49:37.079Z', object_refs: [INDICATOR] },
  'threat-actor': { ...common('threat-actor', '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'), name: 'Evil Org', threat_actor_types: ['crime-syndicate'], roles: ['director'], sophistication: 'advanced' },
  tool: { ...common('tool', '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'), name: 'VNC', tool_types: ['remote-access'] },
  vulnerability: { ...common('vulnerability', '0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061'), name: 'CVE-2016-1234', external_references: [{ source_name: 'cve', external_id: 'CVE-2016-1234' }] },
  relationship: { ...common('relationship', '44298a74-ba52-4f0c-87a3-1824e67d7fad'), relationship_type: 'indicates', source_ref: INDICATOR, target_ref: MALWARE, start_time: '2024-01-01T00:00:00Z', stop_time: '2024-02-01T00:00:00Z' },
  sighting: { ...common('sighting', 'ee20065d-2555-424f-ad9e-0f8428623c75'), sighting_of_ref: INDICATOR, where_sighted_refs: [IDENTITY], count: 3, first_seen: '2024-01-01T00:00:00Z', last_seen: '2024-01-02T00:00:00Z' },
  'marking-definition': { type: 'marking-definition', spec_version: '2.1', id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41db', created: '2024-01-01T00:00:00.000Z', name: 'Copyright', definition_type: 'statement', definition: { statement: 'Copyright 2024 ACME' } },
  'language-content': { ...common('language-content', 'b86b3482-0c8f-4f3b-8ac2-2b7a30b2b09f'), object_ref: 'campaign--12a111f0-b824-4baf-a224-83b80237a094', object_modified: '2017-02-08T21:31:22.007Z', contents: { de: { name: 'Bank Angriff 1' } } },
  'extension-definition': { ...common('extension-definition', 'd83fce45-ef58-4c6c-a3f4-1fbc32e98c6e'), created_by_ref: IDENTITY, name: 'Extension Foo Bar', schema: 'https://www.example.com/schema-foo-1/v1/', version: '1.2.1', extension_types: ['toplevel-property-extension'], extension_properties: ['toxicity'] },
};
