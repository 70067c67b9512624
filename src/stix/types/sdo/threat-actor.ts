import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { timestampOrder } from '../../spec/checks.ts';
import { list, optional, ov, required, string, timestamp } from '../../spec/property-types.ts';

/** STIX 2.1 §4.17 Threat Actor. */
export const threatActor: ObjectTypeSpec = {
  type: 'threat-actor',
  category: 'sdo',
  properties: {
    name: required(string),
    description: optional(string),
    threat_actor_types: optional(list(ov('threat-actor-type-ov'))),
    aliases: optional(list(string)),
    first_seen: optional(timestamp),
    last_seen: optional(timestamp),
    roles: optional(list(ov('threat-actor-role-ov'))),
    goals: optional(list(string)),
    sophistication: optional(ov('threat-actor-sophistication-ov')),
    resource_level: optional(ov('attack-resource-level-ov')),
    primary_motivation: optional(ov('attack-motivation-ov')),
    secondary_motivations: optional(list(ov('attack-motivation-ov'))),
    personal_motivations: optional(list(ov('attack-motivation-ov'))),
  },
  checks: [timestampOrder('first_seen', 'last_seen')],
};
