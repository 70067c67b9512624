import { describe, expect, it } from 'vitest';
import type { AgreementView, PartyView } from '../api/types.ts';
import { buildComposeRequest, eligibleRecipients, type ComposeForm } from './compose-form.ts';

const base: ComposeForm = {
  kind: 'notification', to: ['identity--b'], threadId: '', priority: 'urgent', tlp: 'amber', language: 'en',
  subject: 'Ransomware at grid operator', body: 'Details follow.', sector: 'energy', severity: 'high',
  incident: 'SCADA historian encrypted', requestType: '', askedAction: '', plannedStart: '', plannedEnd: '', evidence: [],
};

describe('buildComposeRequest', () => {
  it('builds a notification with its kind fields', () => {
    expect(buildComposeRequest(base)).toEqual({
      ok: true,
      request: {
        kind: 'notification', to: ['identity--b'], priority: 'urgent', tlp: 'amber', language: 'en',
        subject: 'Ransomware at grid operator', body: 'Details follow.', sector: 'energy', severity: 'high', incident: 'SCADA historian encrypted',
      },
    });
  });
  it('names what a kind is missing', () => {
    expect(buildComposeRequest({ ...base, to: [] })).toEqual({ ok: false, error: 'Choose at least one recipient.' });
    expect(buildComposeRequest({ ...base, sector: ' ' })).toMatchObject({ ok: false, error: expect.stringContaining('sector') });
    expect(buildComposeRequest({ ...base, kind: 'request' })).toMatchObject({ ok: false, error: expect.stringContaining('information, assistance or action') });
    expect(buildComposeRequest({ ...base, kind: 'request', requestType: 'action' })).toMatchObject({ ok: false, error: 'Say exactly what is asked.' });
    expect(buildComposeRequest({ ...base, kind: 'consultation', body: '' })).toMatchObject({ ok: false });
  });
  it('builds a request without notification fields', () => {
    const result = buildComposeRequest({ ...base, kind: 'request', requestType: 'assistance', askedAction: 'Block 198.51.100.7 at the border' });
    expect(result.ok && result.request).toMatchObject({ request_type: 'assistance', asked_action: 'Block 198.51.100.7 at the border' });
    expect(result.ok && 'sector' in result.request).toBe(false);
  });
  it('converts advance-notice times and rejects an end before the start', () => {
    const ok = buildComposeRequest({ ...base, kind: 'advance-notice', plannedStart: '2026-12-01T08:00', plannedEnd: '2026-12-01T10:00' });
    expect(ok.ok && ok.request.planned_start).toBe(new Date('2026-12-01T08:00').toISOString());
    expect(buildComposeRequest({ ...base, kind: 'advance-notice', plannedStart: '2026-12-01T10:00', plannedEnd: '2026-12-01T08:00' }))
      .toEqual({ ok: false, error: 'The planned end is before the planned start.' });
    expect(buildComposeRequest({ ...base, kind: 'advance-notice' })).toMatchObject({ ok: false });
  });
  it('attaches evidence: file objects whole, collection objects by reference', () => {
    const evidence = [
      { object: { type: 'malware', id: 'malware--1' }, collectionId: null },
      { object: { type: 'indicator', id: 'indicator--2' }, collectionId: 'col' },
    ];
    const result = buildComposeRequest({ ...base, evidence });
    expect(result.ok && result.request.evidence).toEqual([{ type: 'malware', id: 'malware--1' }]);
    expect(result.ok && result.request.evidence_refs).toEqual([{ collection_id: 'col', object_id: 'indicator--2' }]);
  });
  it('lets a ping through without subject', () => {
    expect(buildComposeRequest({ ...base, kind: 'ping', subject: '' }).ok).toBe(true);
  });
});

describe('eligibleRecipients', () => {
  const party = (id: string, name: string, is_self = false) => ({ id, name, is_self }) as PartyView;
  const agreement = (in_force: boolean, ids: string[], kinds: string[] = []) =>
    ({ in_force, parties: ids.map((id) => ({ id, name: id })), rules: { kinds } }) as unknown as AgreementView;
  const parties = [party('a', 'Self', true), party('c', 'Zeta CERT'), party('b', 'Alpha NCSC'), party('d', 'Lapsed')];
  it('offers the other parties of agreements in force, by name', () => {
    const agreements = [agreement(true, ['a', 'b', 'c']), agreement(false, ['a', 'd'])];
    expect(eligibleRecipients(agreements, parties, 'notification').map((p) => p.id)).toEqual(['b', 'c']);
  });
  it('offers only parties whose agreement allows the kind', () => {
    const agreements = [agreement(true, ['a', 'b'], ['notification', 'ping']), agreement(true, ['a', 'c'], ['ping', 'request'])];
    expect(eligibleRecipients(agreements, parties, 'request').map((p) => p.id)).toEqual(['c']);
    expect(eligibleRecipients(agreements, parties, 'ping').map((p) => p.id)).toEqual(['b', 'c']);
    expect(eligibleRecipients(agreements, parties, 'advance-notice')).toEqual([]);
  });
});
