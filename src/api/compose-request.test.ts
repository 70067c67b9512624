import { describe, expect, it } from 'vitest';
import { composeDraft } from './compose-request.ts';

describe('composeDraft', () => {
  it('maps the console\'s names to the message model\'s and keeps evidence', () => {
    const draft = composeDraft({
      kind: 'request', to: ['identity--b'], priority: 'urgent', tlp: 'amber', language: 'fr', subject: 'S', body: 'B',
      request_type: 'action', asked_action: 'Null-route it', planned_start: '2026-01-01T00:00:00.000Z',
      evidence: [{ type: 'indicator', id: 'indicator--1' }], evidence_refs: [{ collection_id: 'c', object_id: 'indicator--2' }],
    });
    expect(draft).toEqual({
      kind: 'request', to: ['identity--b'], priority: 'urgent', tlp: 'amber', language: 'fr', subject: 'S', body: 'B',
      fields: { request_type: 'action', requested_action: 'Null-route it', activity_start: '2026-01-01T00:00:00.000Z' },
      evidence: [{ type: 'indicator', id: 'indicator--1' }], evidence_refs: [{ collection_id: 'c', object_id: 'indicator--2' }],
    });
  });

  it('carries a notification\'s incident summary and refuses what cannot be a message', () => {
    const now = new Date('2026-11-23T10:00:00.000Z');
    const summarised = composeDraft({ kind: 'notification', to: ['p'], tlp: 'red', subject: 'S', incident: 'Ransomware\nSince 07:40.', sector: 'energy', severity: 'high' }, now);
    const made = summarised.evidence?.[0];
    expect(made).toMatchObject({ type: 'incident', spec_version: '2.1', name: 'Ransomware', description: 'Ransomware\nSince 07:40.', created: now.toISOString() });
    expect(summarised.fields).toEqual({ incident_ref: made?.id, sector: 'energy', severity: 'high' });
    const attached = [{ type: 'incident', id: 'incident--1', name: 'Ransomware' }, { type: 'indicator', id: 'indicator--1' }];
    for (const incident of [undefined, 'incident--1', 'Ransomware']) {
      const draft = composeDraft({ kind: 'notification', to: ['p'], tlp: 'red', subject: 'S', incident, evidence: attached });
      expect(draft.fields?.incident_ref).toBe('incident--1');
      expect(draft.evidence).toEqual(attached);
    }
    expect(() => composeDraft({ kind: 'notification', to: ['p'], tlp: 'red', subject: 'S', incident: 'incident--2', evidence: attached })).toThrow(/not among the attached/);
    expect(() => composeDraft({ kind: 'request', to: ['p'], tlp: 'red', subject: 'S', incident: 'x' })).toThrow(/notification only/);
    expect(() => composeDraft({ kind: 'telegram', to: ['p'], tlp: 'red', subject: 'S' })).toThrow(/"kind" must be one of/);
    expect(() => composeDraft({ kind: 'notification', to: [], tlp: 'red', subject: 'S' })).toThrow(/"to"/);
    expect(() => composeDraft({ kind: 'notification', to: ['p'], tlp: 'purple', subject: 'S' })).toThrow(/"tlp"/);
    expect(() => composeDraft({ kind: 'notification', to: ['p'], tlp: 'red', subject: '' })).toThrow(/"subject"/);
    expect(() => composeDraft({ kind: 'notification', to: ['p'], tlp: 'red', subject: 'S', evidence: [{ id: 'x' }] })).toThrow(/"evidence"/);
  });
});
