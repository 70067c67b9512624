import { describe, expect, it } from 'vitest';
import { mayForward } from './forward-policy.ts';
import { buildMessage } from './message.ts';
import { indicatorObject, testParty } from './test-fixtures.ts';
import type { TlpLevel } from './tlp.ts';

const a = testParty('CERT-A');
const b = testParty('CERT-B');
const c = testParty('CERT-C');
const hospital = testParty('Hospital');
const outsider = testParty('Press');
const community = [a.party.id, b.party.id, c.party.id];

function message(tlp: TlpLevel) {
  const indicator = indicatorObject(a.party.id);
  return buildMessage({
    kind: 'request', senderRef: a.party.id, recipientRefs: [b.party.id], agreementRef: 'x-parley-agreement--4b7e0a57-2f8a-4b34-9f49-4d1a5cf3f0a1',
    priority: 'urgent', lang: 'en', subject: 'Block', body: '', tlp, evidence: [indicator],
    details: { request_type: 'action', requested_action: 'Block 198.51.100.7' }, at: new Date('2026-03-01T09:00:00.000Z'),
  });
}

// B received an object from A and considers passing it on: to a colleague, a client, a community member, the press.
const targets = {
  colleague: { targetRef: 'identity--00000000-0000-4000-8000-0000000000b1', targetOrganisationRef: b.party.id },
  client: { targetRef: hospital.party.id, targetClientOfRefs: [b.party.id], needToKnow: true },
  community: { targetRef: c.party.id },
  public: { targetRef: outsider.party.id },
};

describe('forwarding an object received in a message', () => {
  const cases: [TlpLevel, boolean[]][] = [
    ['red', [false, false, false, false]],
    ['amber+strict', [true, false, false, false]],
    ['amber', [true, true, false, false]],
    ['green', [true, true, true, false]],
    ['clear', [true, true, true, true]],
  ];
  for (const [level, expected] of cases) {
    it(`an unmarked object in a TLP:${level.toUpperCase()} message`, () => {
      const m = message(level);
      const object = indicatorObject(a.party.id);
      expect(Object.values(targets).map((t) => mayForward(object, m, t, community).allowed)).toEqual(expected);
    });
  }
  it("follows the object's own marking over the message's", () => {
    const decision = mayForward(indicatorObject(a.party.id, 'clear'), message('red'), targets.public, community);
    expect(decision).toEqual({ allowed: true, level: 'clear' });
    expect(mayForward(indicatorObject(a.party.id, 'red'), message('clear'), targets.community, community).allowed).toBe(false);
  });
  it('always lets a named recipient or the maker have it', () => {
    expect(mayForward(indicatorObject(c.party.id, 'red'), message('red'), { targetRef: c.party.id }, community).allowed).toBe(true);
    expect(mayForward(indicatorObject(a.party.id, 'red'), message('red'), { targetRef: b.party.id }, community).allowed).toBe(true);
  });
});
