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
    expect(composeDraft({ kind: 'notification', to: ['p'], tlp: 'red', subject: 'S', incident: 'Ransomware', sector: 'energy', severity: 'high' }).fields)
      .toEqual({ incident: 'Ransomware', sector: 'energy', severity: 'high' });
    expect(() => composeDraft({ kind: 'telegram', to: ['p'], tlp: 'red', subject: 'S' })).toThrow(/"kind" must be one of/);
    expect(() => composeDraft({ kind: 'notification', to: [], tlp: 'red', subject: 'S' })).toThrow(/"to"/);
    expect(() => composeDraft({ kind: 'notification', to: ['p'], tlp: 'purple', subject: 'S' })).toThrow(/"tlp"/);
    expect(() => composeDraft({ kind: 'notification', to: ['p'], tlp: 'red', subject: '' })).toThrow(/"subject"/);
    expect(() => composeDraft({ kind: 'notification', to: ['p'], tlp: 'red', subject: 'S', evidence: [{ id: 'x' }] })).toThrow(/"evidence"/);
  });
});
