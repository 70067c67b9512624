import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StixObject } from '../api/types.ts';
import { buildEvidenceGraph } from './evidence-graph.ts';

const examples = new URL('../../../../shared/stix/oasis-examples/examples/', import.meta.url);
const poisonivy = JSON.parse(readFileSync(new URL('threat-reports/poisonivy.json', examples), 'utf8')).objects as StixObject[];

const malware: StixObject = { type: 'malware', id: 'malware--1', name: 'X', is_family: true };
const indicator: StixObject = { type: 'indicator', id: 'indicator--1', name: 'C2', pattern: "[ipv4-addr:value = '198.51.100.1']" };
const sighting: StixObject = { type: 'sighting', id: 'sighting--1', sighting_of_ref: 'indicator--1', observed_data_refs: ['observed-data--1', 'observed-data--missing'], created_by_ref: 'identity--1' };
const observed: StixObject = { type: 'observed-data', id: 'observed-data--1' };
const identity: StixObject = { type: 'identity', id: 'identity--1', name: 'CERT' };
const indicates: StixObject = { type: 'relationship', id: 'relationship--1', relationship_type: 'indicates', source_ref: 'indicator--1', target_ref: 'malware--1' };

describe('buildEvidenceGraph', () => {
  it('makes relationship SROs into edges, not nodes', () => {
    const graph = buildEvidenceGraph([malware, indicator, indicates]);
    expect(graph.nodes.map((n) => n.id)).toEqual(['malware--1', 'indicator--1']);
    expect(graph.edges).toEqual([{ source: 'indicator--1', target: 'malware--1', label: 'indicates', via: 'relationship' }]);
  });
  it('draws *_ref and *_refs properties, but not provenance, and only between held objects', () => {
    const graph = buildEvidenceGraph([indicator, sighting, observed, identity]);
    expect(graph.edges).toEqual([
      { source: 'sighting--1', target: 'indicator--1', label: 'sighting_of_ref', via: 'property' },
      { source: 'sighting--1', target: 'observed-data--1', label: 'observed_data_refs', via: 'property' },
    ]);
  });
  it('counts an object attached twice once, and drops duplicate edges', () => {
    const graph = buildEvidenceGraph([malware, indicator, indicates, { ...indicates, id: 'relationship--2' }, malware]);
    expect(graph.nodes).toHaveLength(2);
    expect(graph.edges).toHaveLength(1);
  });
  it('builds the poisonivy report graph with every relationship between held objects', () => {
    const graph = buildEvidenceGraph(poisonivy);
    const relationships = poisonivy.filter((o) => o.type === 'relationship');
    expect(graph.nodes).toHaveLength(poisonivy.length - relationships.length);
    expect(graph.edges.filter((e) => e.via === 'relationship').length).toBeGreaterThan(0);
    // The report's object_refs become property edges from the report to each held object.
    expect(graph.edges.some((e) => e.label === 'object_refs')).toBe(true);
  });
});
