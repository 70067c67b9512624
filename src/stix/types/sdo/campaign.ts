import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { timestampOrder } from '../../spec/checks.ts';
import { list, optional, required, string, timestamp } from '../../spec/property-types.ts';

/** STIX 2.1 §4.2 Campaign. */
export const campaign: ObjectTypeSpec = {
  type: 'campaign',
  category: 'sdo',
  properties: {
    name: required(string),
    description: optional(string),
    aliases: optional(list(string)),
    first_seen: optional(timestamp),
    last_seen: optional(timestamp),
    objective: optional(string),
  },
  checks: [timestampOrder('first_seen', 'last_seen')],
};
