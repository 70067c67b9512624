import type { Reporter } from '../spec/property-spec.ts';
import { identifierType } from '../identifier.ts';

/** STIX 2.1 §11.1: custom property names are 3–250 characters of a-z, 0-9 and underscore. */
const CUSTOM_PROPERTY = /^[a-z0-9_]{3,250}$/;

/** The message for a property the type does not define, or undefined when it is an allowed custom property. */
export function unknownPropertyProblem(key: string, owner: string, loose: boolean): string | undefined {
  if (loose ? /^[a-z0-9_]+$/.test(key) : CUSTOM_PROPERTY.test(key)) return undefined;
  return `"${key}" is not a property of ${owner} and not a valid custom property name (3–250 characters of a-z, 0-9 and _)`;
}

/**
 * STIX 2.1 §3.1: a `*_ref` property holds an identifier and a `*_refs` property a list of them. For custom
 * properties this is a warning, not an error: real producers (MITRE ATT&CK's `x_mitre_data_source_ref: ""`) break it.
 */
export function checkCustomReference(key: string, value: unknown, path: string, report: Reporter): void {
  if (key.endsWith('_ref')) {
    if (typeof value !== 'string' || identifierType(value) === undefined) report.warn(path, `${key} ends in _ref, so it must hold a STIX identifier "type--UUID"`);
  } else if (key.endsWith('_refs')) {
    if (!Array.isArray(value)) return report.warn(path, `${key} ends in _refs, so it must be a list of STIX identifiers`);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'string' || identifierType(item) === undefined) report.warn(`${path}[${i}]`, `${key} ends in _refs, so each item must be a STIX identifier "type--UUID"`);
    }
  }
}
