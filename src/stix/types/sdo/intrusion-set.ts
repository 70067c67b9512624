import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { timestampOrder } from '../../spec/checks.ts';
import { list, optional, ov, required, string, timestamp } from '../../spec/property-types.ts';

/** STIX 2.1 §4.9 Intrusion Set. */
export const intrusionSet: ObjectTypeSpec = {
  type: 'intrusion-set',
  category: 'sdo',
  properties: {
    name: required(string),
    description: optional(string),
    aliases: optional(list(string)),
    first_seen: optional(timestamp),
    last_seen: optional(timestamp),
    goals: optional(list(string)),
    resource_level: optional(ov('attack-resource-level-ov')),
    primary_motivation: optional(ov('attack-motivation-ov')),
    secondary_motivations: optional(list(ov('attack-motivation-ov'))),
  },
  checks: [timestampOrder('first_seen', 'last_seen')],
};
