import type { Reporter } from './spec/property-spec.ts';
import { identifierType } from './identifier.ts';
import { unknownPropertyProblem } from './engine/custom-names.ts';
import { member } from './engine/json-path.ts';

/** STIX 2.1 §8 bundle envelope: type, id `bundle--UUID`, optional objects list; the objects are checked one by one. */
export function checkBundleEnvelope(bundle: Record<string, unknown>, report: Reporter): void {
  const id = bundle.id;
  if (typeof id !== 'string' || identifierType(id) !== 'bundle') report.error('$.id', 'a bundle needs id "bundle--<RFC 4122 UUID>"');
  if (bundle.objects !== undefined && !Array.isArray(bundle.objects)) report.error('$.objects', 'objects must be a list of STIX objects');
  else if (Array.isArray(bundle.objects) && bundle.objects.length === 0) report.error('$.objects', 'objects must not be an empty list (omit it instead)');
  for (const key in bundle) {
    if (key === 'type' || key === 'id' || key === 'objects') continue;
    if (key === 'spec_version') report.warn('$.spec_version', 'bundles have no spec_version in STIX 2.1 (it was a STIX 2.0 property)');
    else {
      const problem = unknownPropertyProblem(key, 'bundle', false);
      if (problem) report.error(member('$', key), problem);
    }
  }
}
