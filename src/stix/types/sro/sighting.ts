import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { timestampOrder } from '../../spec/checks.ts';
import { boolean, integer, optional, refTo, refs, required, string, timestamp } from '../../spec/property-types.ts';

/** STIX 2.1 §5.2 Sighting. */
export const sighting: ObjectTypeSpec = {
  type: 'sighting',
  category: 'sro',
  properties: {
    description: optional(string),
    first_seen: optional(timestamp),
    last_seen: optional(timestamp),
    count: optional(integer(0, 999_999_999)),
    sighting_of_ref: required(refTo('sdo')),
    observed_data_refs: optional(refs('observed-data')),
    where_sighted_refs: optional(refs('identity', 'location')),
    summary: optional(boolean),
  },
  checks: [timestampOrder('first_seen', 'last_seen')],
};
