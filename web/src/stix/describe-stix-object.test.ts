import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StixObject } from '../api/types.ts';
import { describeStixObject, typeLabel, valueText } from './describe-stix-object.ts';

const examples = new URL('../../../../shared/stix/oasis-examples/examples/', import.meta.url);
const poisonivy = JSON.parse(readFileSync(new URL('threat-reports/poisonivy.json', examples), 'utf8')).objects as StixObject[];

describe('describeStixObject', () => {
  it('shows an indicator with its pattern in code and its validity', () => {
    const indicator = poisonivy.find((o) => o.type === 'indicator')!;
    const view = describeStixObject(indicator);
    expect(view.typeLabel).toBe('Indicator');
    expect(view.title).toBe(indicator.name);
    expect(view.fields[0]).toEqual({ label: 'Pattern (stix)', value: indicator.pattern, code: true });
    expect(view.fields.some((f) => f.label === 'Valid from')).toBe(true);
  });
  it('shows malware with family flag and types', () => {
    const malware = poisonivy.find((o) => o.type === 'malware' && o.is_family === true)!;
    const view = describeStixObject(malware);
    expect(view.fields[0]).toEqual({ label: 'Family', value: 'yes' });
    expect(view.fields.find((f) => f.label === 'Malware types')?.value).toBe(valueText(malware.malware_types));
  });
  it('shows an incident with the Incident Core Extension fields', () => {
    const incident: StixObject = {
      type: 'incident',
      id: 'incident--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      name: 'Ransomware at grid operator',
      description: 'SCADA historian encrypted',
      extensions: {
        'extension-definition--ef765651-680c-498d-9894-99799f2fa126': {
          extension_type: 'property-extension',
          determination: 'confirmed',
          investigation_status: 'open',
        },
      },
    };
    expect(describeStixObject(incident).fields).toEqual([
      { label: 'Description', value: 'SCADA historian encrypted' },
      { label: 'Determination', value: 'confirmed' },
      { label: 'Investigation status', value: 'open' },
    ]);
  });
  it('lists the own properties of other types, leaving out the common ones', () => {
    const vulnerability = poisonivy.find((o) => o.type === 'vulnerability')!;
    const view = describeStixObject(vulnerability);
    expect(view.typeLabel).toBe('Vulnerability');
    expect(view.fields.map((f) => f.label)).not.toContain('Created');
    const ipv4: StixObject = { type: 'ipv4-addr', id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd', value: '198.51.100.3' };
    expect(describeStixObject(ipv4)).toMatchObject({ title: '198.51.100.3', typeLabel: 'Ipv4 addr', fields: [{ label: 'Value', value: '198.51.100.3' }] });
  });
  it('labels relationships by their type', () => {
    const rel = poisonivy.find((o) => o.type === 'relationship')!;
    expect(describeStixObject(rel).title).toBe(`${rel.relationship_type} relationship`);
  });
});

describe('typeLabel and valueText', () => {
  it('spells types readably and keeps custom ones', () => {
    expect(typeLabel('attack-pattern')).toBe('Attack pattern');
    expect(typeLabel('x-parley-message')).toBe('x-parley-message');
  });
  it('joins lists and prints nested objects as JSON', () => {
    expect(valueText(['a', 'b'])).toBe('a, b');
    expect(valueText({ a: 1 })).toBe('{"a":1}');
    expect(valueText(undefined)).toBe('—');
  });
});
