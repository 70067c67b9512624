import { describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.ts';
import { validateObject } from '../stix/validate.ts';
import { amendAgreement, deadlineRule, isFullySigned, parseAgreement, proposeAgreement, signAgreement, signatureStatus, versionInForce } from './agreement.ts';
import { partyLookup, testAgreementRules, testParty } from './test-fixtures.ts';

const a = testParty('CERT-A');
const b = testParty('CERT-B');
const c = testParty('CERT-C');
const parties = partyLookup([a, b, c]);

function proposal() {
  return proposeAgreement({
    proposerRef: a.party.id,
    partyRefs: [a.party.id, b.party.id, c.party.id],
    name: 'Trilateral hotline',
    commitments: [
      { party_ref: a.party.id, protected_sectors: ['healthcare', 'water'] },
      { party_ref: b.party.id, protected_sectors: ['election-infrastructure', 'x-space-systems'] },
    ],
    rules: testAgreementRules(),
    at: new Date('2026-02-01T00:00:00.000Z'),
  });
}

describe('agreement', () => {
  it('is proposed as version 1, a valid STIX object, unsigned and not in force', () => {
    const draft = proposal();
    expect(validateObject(draft).valid).toBe(true);
    expect(draft).toMatchObject({ version: 1, spec_version: '2.1', created_by_ref: a.party.id });
    expect(draft.created).toBe('2026-02-01T00:00:00.000Z');
    expect(signatureStatus(draft, parties).missing).toHaveLength(3);
    expect(versionInForce([draft], parties)).toBeUndefined();
  });

  it('is in force only when every party has signed the same content', () => {
    let draft = proposal();
    draft = signAgreement(draft, a.signer);
    draft = signAgreement(draft, b.signer);
    expect(isFullySigned(draft, parties)).toBe(false);
    expect(signatureStatus(draft, parties)).toMatchObject({ signed: [a.party.id, b.party.id], missing: [c.party.id] });
    draft = signAgreement(draft, c.signer);
    expect(isFullySigned(draft, parties)).toBe(true);
    expect(versionInForce([draft], parties)?.version).toBe(1);
    expect(parseAgreement(JSON.parse(JSON.stringify(draft)))).toEqual(draft);
  });

  it('is not in force when one signature covers different content', () => {
    const draft = proposal();
    const tampered = signAgreement({ ...draft, name: 'Something else' }, c.signer);
    const mixed = { ...signAgreement(signAgreement(draft, a.signer), b.signer), signatures: [...signAgreement(signAgreement(draft, a.signer), b.signer).signatures!, tampered.signatures![0]] };
    const status = signatureStatus(mixed, parties);
    expect(status.invalid.map((i) => [i.partyRef, i.error.code])).toEqual([[c.party.id, 'SIGNATURE_INVALID']]);
    expect(isFullySigned(mixed, parties)).toBe(false);
  });

  it('refuses a signature from someone who is not a party', () => {
    const outsider = testParty('Outsider');
    expect(() => signAgreement(proposal(), outsider.signer)).toThrow(/not a party/);
  });

  it('is amended by a new version that takes force only when fully signed', () => {
    let v1 = proposal();
    for (const p of [a, b, c]) v1 = signAgreement(v1, p.signer);
    const rules = { ...testAgreementRules(), default_tlp: 'green' as const };
    let v2 = amendAgreement(v1, { rules }, new Date('2026-05-01T00:00:00.000Z'));
    expect(v2).toMatchObject({ id: v1.id, created: v1.created, version: 2, modified: '2026-05-01T00:00:00.000Z' });
    expect(v2.signatures).toBeUndefined();
    expect(validateObject(v2).valid).toBe(true);
    v2 = signAgreement(signAgreement(v2, a.signer), b.signer);
    expect(versionInForce([v1, v2], parties)?.version).toBe(1);
    v2 = signAgreement(v2, c.signer);
    expect(versionInForce([v1, v2], parties)?.version).toBe(2);
    expect(versionInForce([v2, v1], parties)?.rules.default_tlp).toBe('green');
  });

  it('gives an amendment a later modified time even when the clock says otherwise', () => {
    const v1 = proposal();
    const v2 = amendAgreement(v1, {}, new Date('2020-01-01T00:00:00.000Z'));
    expect(Date.parse(v2.modified)).toBeGreaterThan(Date.parse(v1.modified));
  });

  it('looks up the deadline rule by kind and priority', () => {
    expect(deadlineRule(proposal(), 'notification', 'flash')).toMatchObject({ acknowledge_minutes: 15, respond_minutes: 120 });
    expect(deadlineRule(proposal(), 'consultation', 'flash')).toBeUndefined();
  });

  const invalid: [string, (x: Record<string, unknown>) => void, RegExp][] = [
    ['an unknown sector', (x) => ((x.commitments as { protected_sectors: string[] }[])[0].protected_sectors = ['space']), /protected_sectors/],
    ['a single party', (x) => (x.party_refs = [a.party.id]), /party_refs/],
    ['a commitment by a non-party', (x) => ((x.commitments as { party_ref: string }[])[0].party_ref = testParty('Z').party.id), /not a party/],
    ['two rules for one kind and priority', (x) => (x.rules as { deadlines: unknown[] }).deadlines.push({ kind: 'ping', priority: 'routine', acknowledge_minutes: 5 }), /two deadline rules/],
    ['a deadline for an unused kind', (x) => ((x.rules as { message_kinds: string[] }).message_kinds = ['notification']), /does not use/],
    ['a respond deadline before the acknowledge deadline', (x) => ((x.rules as { deadlines: { respond_minutes?: number }[] }).deadlines[0].respond_minutes = 1), /respond before acknowledge/],
    ['a bad default TLP', (x) => ((x.rules as { default_tlp: string }).default_tlp = 'white'), /default_tlp/],
    ['a timestamp without Z', (x) => (x.modified = '2026-02-01T00:00:00.000'), /modified/],
  ];
  for (const [what, breakIt, message] of invalid) {
    it(`rejects ${what}`, () => {
      const copy = JSON.parse(JSON.stringify(proposal())) as Record<string, unknown>;
      breakIt(copy);
      let error: unknown;
      try {
        parseAgreement(copy);
      } catch (e) {
        error = e;
      }
      expect(isParleyError(error, 'INVALID_STIX')).toBe(true);
      expect((error as Error).message).toMatch(message);
    });
  }
});
