import type { ObjectTypeSpec, PropertyType } from '../../spec/property-spec.ts';
import { timestampOrder } from '../../spec/checks.ts';
import { optional, refTo, required, string, timestamp } from '../../spec/property-types.ts';

const relationshipType: PropertyType = { kind: 'string', pattern: /^[a-z0-9-]{1,250}$/, patternHint: 'lowercase ASCII letters, digits and hyphens (e.g. "indicates")' };

/** STIX 2.1 §5.1 Relationship: source and target are SDOs or SCOs. */
export const relationship: ObjectTypeSpec = {
  type: 'relationship',
  category: 'sro',
  properties: {
    relationship_type: required(relationshipType),
    description: optional(string),
    source_ref: required(refTo('sdo', 'sco')),
    target_ref: required(refTo('sdo', 'sco')),
    start_time: optional(timestamp),
    stop_time: optional(timestamp),
  },
  // §5.1: stop_time must be later than start_time.
  checks: [timestampOrder('start_time', 'stop_time', true)],
};
