import type { StixObject } from '../src/store/object-store.ts';

const TYPES = ['indicator', 'malware', 'tool', 'attack-pattern', 'identity'];

/** The n-th benchmark object: five types in turn, a realistic body size, all valid STIX 2.1. */
export function benchObject(n: number): StixObject {
  const type = TYPES[n % TYPES.length]!;
  const hex = n.toString(16).padStart(12, '0');
  return {
    type, spec_version: '2.1', id: `${type}--7a1b2c3d-0000-4000-8000-${hex}`, created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z', name: `object ${n}`, description: 'Benchmark object with a realistic body size. '.repeat(4),
    ...(type === 'indicator' ? { pattern: `[ipv4-addr:value = '10.${n % 250}.0.1']`, pattern_type: 'stix', valid_from: '2024-01-01T00:00:00Z' } : {}),
    ...(type === 'malware' ? { is_family: false } : {}),
    ...(type === 'identity' ? { identity_class: 'organization' } : {}),
  };
}
