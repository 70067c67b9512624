import { describe, expect, it } from 'vitest';
import { audienceOf, mayDisclose, tlpPermitsAudience, type Audience, type DisclosureContext } from './tlp-policy.ts';
import { effectiveTlp, TLP2_MARKING_IDS, tlpOfMarking, tlpOfObject, type TlpLevel } from './tlp.ts';

const AUDIENCES: Audience[] = ['named-recipient', 'recipient-organisation', 'recipient-client', 'community', 'public'];

// Rows: level; columns: the audiences above. The TLP 2.0 definitions, one cell each.
const TABLE: Record<TlpLevel, boolean[]> = {
  red: [true, false, false, false, false],
  'amber+strict': [true, true, false, false, false],
  amber: [true, true, true, false, false],
  green: [true, true, true, true, false],
  clear: [true, true, true, true, true],
};

describe('TLP policy table', () => {
  for (const [level, row] of Object.entries(TABLE) as [TlpLevel, boolean[]][]) {
    it(`TLP:${level.toUpperCase()}`, () => {
      expect(AUDIENCES.map((a) => tlpPermitsAudience(level, a))).toEqual(row);
    });
  }
});

describe('audience of a prospective recipient', () => {
  const base: DisclosureContext = {
    originatorRef: 'identity--a',
    namedRecipientRefs: ['identity--b'],
    targetRef: 'identity--x',
    communityRefs: ['identity--a', 'identity--b', 'identity--c'],
  };
  it('places each target by its relation to the original disclosure', () => {
    expect(audienceOf({ ...base, targetRef: 'identity--b' })).toBe('named-recipient');
    expect(audienceOf({ ...base, targetRef: 'identity--a' })).toBe('named-recipient');
    expect(audienceOf({ ...base, targetOrganisationRef: 'identity--b' })).toBe('recipient-organisation');
    expect(audienceOf({ ...base, targetClientOfRefs: ['identity--b'], needToKnow: true })).toBe('recipient-client');
    expect(audienceOf({ ...base, targetClientOfRefs: ['identity--b'], needToKnow: false })).toBe('public');
    expect(audienceOf({ ...base, targetRef: 'identity--c' })).toBe('community');
    expect(audienceOf(base)).toBe('public');
  });
  it('answers the forward question end to end', () => {
    const client = { ...base, targetClientOfRefs: ['identity--b'], needToKnow: true };
    expect(mayDisclose('amber', client)).toBe(true);
    expect(mayDisclose('amber+strict', client)).toBe(false);
    expect(mayDisclose('red', { ...base, targetOrganisationRef: 'identity--b' })).toBe(false);
    expect(mayDisclose('green', { ...base, targetRef: 'identity--c' })).toBe(true);
    expect(mayDisclose('green', base)).toBe(false);
    expect(mayDisclose('clear', base)).toBe(true);
  });
});

describe('TLP markings', () => {
  it('reads TLP 2.0 ids and maps TLP 1.0 (WHITE to CLEAR, AMBER to AMBER)', () => {
    expect(tlpOfMarking(TLP2_MARKING_IDS['amber+strict'])).toBe('amber+strict');
    expect(tlpOfMarking('marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9')).toBe('clear');
    expect(tlpOfMarking('marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da')).toBe('green');
    expect(tlpOfMarking('marking-definition--f88d31f6-486f-44da-b317-01333bde0b82')).toBe('amber');
    expect(tlpOfMarking('marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed')).toBe('red');
    expect(tlpOfMarking('marking-definition--00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
  it('takes the strictest of several markings; unmarked objects inherit the message TLP', () => {
    expect(tlpOfObject({ object_marking_refs: [TLP2_MARKING_IDS.green, TLP2_MARKING_IDS.red] })).toBe('red');
    expect(effectiveTlp({}, 'amber')).toBe('amber');
    expect(effectiveTlp({ object_marking_refs: [TLP2_MARKING_IDS.clear] }, 'amber')).toBe('clear');
  });
  it('agree with the official marking definitions in ../shared', async () => {
    const { readFile } = await import('node:fs/promises');
    const bundle = JSON.parse(await readFile(new URL('../../../shared/stix/tlp-marking-definitions.json', import.meta.url), 'utf8')) as {
      objects: { id: string; extensions?: Record<string, { tlp_2_0?: string }> }[];
    };
    for (const object of bundle.objects) {
      const v2 = object.extensions?.['extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d']?.tlp_2_0;
      if (v2) expect(TLP2_MARKING_IDS[v2 as TlpLevel]).toBe(object.id);
    }
  });
});
