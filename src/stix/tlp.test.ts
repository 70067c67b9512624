import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TLP1_MARKINGS, TLP2_AMBER_STRICT_ID, TLP2_MARKINGS, TLP2_RED_ID, TLP_AMBER_ID, TLP_WHITE_ID } from './tlp.ts';
import { compareTlp, tlpLevelOfMarking, tlpLevelsOf, tlpOf } from './markings.ts';
import { validateObject } from './validate.ts';

const published = JSON.parse(readFileSync(join(process.cwd(), '..', 'shared', 'stix', 'tlp-marking-definitions.json'), 'utf8')) as { objects: unknown[] };

describe('TLP constants', () => {
  it('equal the published TLP 1.0 and 2.0 marking definitions', () => {
    expect([...TLP1_MARKINGS, ...TLP2_MARKINGS]).toEqual(published.objects);
  });

  it('are valid STIX and frozen', () => {
    for (const marking of [...TLP1_MARKINGS, ...TLP2_MARKINGS]) expect(validateObject(marking).errors).toEqual([]);
    expect(Object.isFrozen(TLP2_MARKINGS[0].extensions)).toBe(true);
  });
});

describe('reading an object TLP', () => {
  it('maps marking ids to levels, TLP 1.0 WHITE to clear', () => {
    expect(tlpLevelOfMarking(TLP_WHITE_ID)).toBe('clear');
    expect(tlpLevelOfMarking(TLP2_AMBER_STRICT_ID)).toBe('amber+strict');
    expect(tlpLevelOfMarking('marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168')).toBeUndefined();
  });

  it('returns the most restrictive level among object_marking_refs', () => {
    const object = { object_marking_refs: [TLP_AMBER_ID, 'marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168', TLP2_RED_ID] };
    expect(tlpLevelsOf(object)).toEqual(['amber', 'red']);
    expect(tlpOf(object)).toBe('red');
    expect(tlpOf({})).toBeUndefined();
    expect(compareTlp('amber', 'amber+strict')).toBeLessThan(0);
  });
});
