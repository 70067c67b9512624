/**
 * Small builders for the SCO specs: the same shapes (typed references, "at least one of", "not both") recur across
 * most of STIX 2.1 §6, so each is written once here.
 */
import type { ObjectCheck, PropertySpec, PropertyType } from '../../spec/property-spec.ts';

export const text: PropertySpec = Object.freeze<PropertySpec>({ type: { kind: 'string' } });
export const requiredText: PropertySpec = Object.freeze<PropertySpec>({ type: { kind: 'string' }, required: true });
export const flag: PropertySpec = Object.freeze<PropertySpec>({ type: { kind: 'boolean' } });
export const timestamp: PropertySpec = Object.freeze<PropertySpec>({ type: { kind: 'timestamp' } });
export const hex: PropertySpec = Object.freeze<PropertySpec>({ type: { kind: 'hex' } });
export const hashes: PropertySpec = Object.freeze<PropertySpec>({ type: { kind: 'hashes' } });
export const integer: PropertySpec = Object.freeze<PropertySpec>({ type: { kind: 'integer' } });
export const count: PropertySpec = Object.freeze<PropertySpec>({ type: { kind: 'integer', min: 0 } });
export const texts: PropertySpec = Object.freeze<PropertySpec>({ type: { kind: 'list', of: { kind: 'string' } } });
export const stringDictionary: PropertySpec = Object.freeze<PropertySpec>({ type: { kind: 'dictionary', values: { kind: 'string' } } });

/** An identifier property that must point at one of `types`. */
export function ref(...types: string[]): PropertySpec {
  return { type: { kind: 'identifier', refTypes: types } };
}

/** A list of identifiers that must each point at one of `types`. */
export function refs(...types: string[]): PropertySpec {
  return { type: { kind: 'list', of: { kind: 'identifier', refTypes: types } } };
}

/** A closed enumeration (STIX 2.1 §10 `-enum`). */
export function oneOf(values: readonly string[], required = false): PropertySpec {
  const type: PropertyType = { kind: 'enum', values };
  return required ? { type, required } : { type };
}

/** An open vocabulary (STIX 2.1 §10 `-ov`). */
export function openVocab(values: readonly string[], required = false): PropertySpec {
  const type: PropertyType = { kind: 'open-vocab', values };
  return required ? { type, required } : { type };
}

/** A path under the checked object; property names with dashes use the bracket form. */
export function pathOf(property: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(property) ? `$.${property}` : `$['${property}']`;
}

/** At least one of `properties` must be present (reported at the object itself). */
export function atLeastOneOf(properties: readonly string[], what: string): ObjectCheck {
  return (object, report) => {
    if (!properties.some((p) => object[p] !== undefined)) {
      report.error('$', `${what} must have at least one of: ${properties.join(', ')}`);
    }
  };
}

/** `second` must not be present together with `first` (reported at `second`). */
export function notBoth(first: string, second: string): ObjectCheck {
  return (object, report) => {
    if (object[first] !== undefined && object[second] !== undefined) {
      report.error(pathOf(second), `${second} must not be present together with ${first}`);
    }
  };
}

/** `dependent` may only be present when `anchor` is (reported at `dependent`). */
export function onlyWith(dependent: string, anchor: string): ObjectCheck {
  return (object, report) => {
    if (object[dependent] !== undefined && object[anchor] === undefined) {
      report.error(pathOf(dependent), `${dependent} must not be present without ${anchor}`);
    }
  };
}

/** `later` must not be earlier than `earlier` when both are timestamps (reported at `later`). */
export function notBefore(later: string, earlier: string): ObjectCheck {
  return (object, report) => {
    const a = object[earlier];
    const b = object[later];
    if (typeof a !== 'string' || typeof b !== 'string') return;
    const from = Date.parse(a);
    const to = Date.parse(b);
    if (Number.isNaN(from) || Number.isNaN(to)) return;
    // Whole milliseconds first; equal milliseconds fall back to the digits after them (STIX allows any precision).
    if (to < from || (to === from && fraction(b) < fraction(a))) {
      report.error(pathOf(later), `${later} must not be earlier than ${earlier}`);
    }
  };
}

function fraction(timestamp: string): string {
  const match = /\.(\d+)Z$/i.exec(timestamp);
  return (match ? match[1] : '').padEnd(9, '0').slice(3);
}
