import type { Reporter } from '../spec/property-spec.ts';

const INDEX = /^\[(\d+)\]$/;

/** STIX 2.1 §7.2.3.1: a selector such as `external_references.[0].url` must point at a property of the object. */
export function selectorResolves(object: Record<string, unknown>, selector: string): boolean {
  let at: unknown = object;
  for (const step of selector.split('.')) {
    const index = INDEX.exec(step);
    if (index) {
      if (!Array.isArray(at) || Number(index[1]) >= at.length) return false;
      at = at[Number(index[1])];
    } else {
      if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, step)) return false;
      at = (at as Record<string, unknown>)[step];
    }
  }
  return true;
}

/** Reports every granular-marking selector that does not resolve within the object. */
export function checkSelectors(object: Record<string, unknown>, report: Reporter): void {
  const markings = object.granular_markings;
  if (!Array.isArray(markings)) return;
  markings.forEach((marking: unknown, i) => {
    const selectors = (marking as { selectors?: unknown } | null)?.selectors;
    if (!Array.isArray(selectors)) return;
    selectors.forEach((selector: unknown, j) => {
      if (typeof selector === 'string' && !selectorResolves(object, selector)) {
        report.error(`$.granular_markings[${i}].selectors[${j}]`, `selector "${selector}" does not point at a property of this object`);
      }
    });
  });
}
