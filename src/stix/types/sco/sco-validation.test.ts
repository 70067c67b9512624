import { describe, expect, it } from 'vitest';
import { validateObject } from '../../validate.ts';
import type { ValidationResult } from '../../validation-result.ts';
import { extensionScoCases } from './sco-extension-cases.ts';
import { scoCases } from './sco-validation-cases.ts';

/** True when the result has an error at `path` or inside it (an engine may report a list item, e.g. `$.to_refs[0]`). */
function hasErrorAt(result: ValidationResult, path: string): boolean {
  return result.errors.some((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`));
}

for (const group of [scoCases, extensionScoCases]) {
  for (const c of group) {
    describe(`validation of ${c.name}`, () => {
      it('accepts the valid example', () => {
        expect(validateObject(c.valid).errors).toEqual([]);
      });
      it.each(c.broken.map((b) => [b.rule, b] as const))('rejects a broken rule: %s', (_rule, b) => {
        const result = validateObject(b.change(c.valid));
        expect(result.valid).toBe(false);
        expect(hasErrorAt(result, b.path), `${b.path} in ${JSON.stringify(result.errors)}`).toBe(true);
      });
    });
  }
}

describe('SCO validation cases', () => {
  it('cover every SCO type and every predefined extension, each with at least one broken rule', () => {
    expect(scoCases.map((c) => c.name)).toHaveLength(18);
    expect(extensionScoCases.map((c) => c.name)).toHaveLength(12);
    for (const c of [...scoCases, ...extensionScoCases]) expect(c.broken.length, c.name).toBeGreaterThan(0);
  });
});
