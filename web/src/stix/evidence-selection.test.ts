import { describe, expect, it } from 'vitest';
import type { StixObject } from '../api/types.ts';
import { addEvidence, evidencePayload } from './evidence-selection.ts';

const a: StixObject = { type: 'malware', id: 'malware--a' };
const b: StixObject = { type: 'indicator', id: 'indicator--b' };

describe('evidence selection', () => {
  it('adds each object once', () => {
    const once = addEvidence([], [a, b, a], null);
    expect(once.map((p) => p.object.id)).toEqual(['malware--a', 'indicator--b']);
    expect(addEvidence(once, [a], 'col-1')).toHaveLength(2);
  });
  it('sends file objects whole and collection objects as references', () => {
    const selection = addEvidence(addEvidence([], [a], null), [b], 'col-1');
    expect(evidencePayload(selection, true)).toEqual({ evidence: [a], evidence_refs: [{ collection_id: 'col-1', object_id: 'indicator--b' }] });
    expect(evidencePayload(selection, false)).toEqual({ evidence: [a, b], evidence_refs: [] });
  });
});
