import { describe, expect, it } from 'vitest';
import type { PropertyType } from '../spec/property-spec.ts';
import { validateObject } from '../validate.ts';
import { registry } from './index.ts';
import { validObjects } from './fixtures.test-data.ts';

// Every open-vocabulary property of every SDO/SRO/meta type: an unknown value is a warning at its path, never an error.
const openVocabPath = (type: PropertyType): '' | '[0]' | undefined =>
  type.kind === 'open-vocab' ? '' : type.kind === 'list' && type.of.kind === 'open-vocab' ? '[0]' : undefined;

describe('open vocabularies', () => {
  for (const [type, object] of Object.entries(validObjects)) {
    const spec = registry.types.get(type);
    for (const [name, property] of Object.entries(spec?.properties ?? {})) {
      const suffix = openVocabPath(property.type);
      if (suffix === undefined) continue;
      it(`${type}.${name}: a value outside the vocabulary is a warning at $.${name}${suffix}`, () => {
        const copy = { ...object, [name]: suffix ? ['not-in-the-vocabulary'] : 'not-in-the-vocabulary' };
        const result = validateObject(copy);
        expect(result.errors).toEqual([]);
        expect(result.warnings.map((w) => w.path)).toEqual([`$.${name}${suffix}`]);
      });
    }
  }

  it('covers the open vocabularies of the SDOs', () => {
    const count = [...registry.types.values()].flatMap((spec) => Object.values(spec.properties)).filter((p) => openVocabPath(p.type) !== undefined).length;
    expect(count).toBeGreaterThanOrEqual(20);
  });
});
