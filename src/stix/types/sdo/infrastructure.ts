import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { killChainPhase } from '../../spec/common-properties.ts';
import { timestampOrder } from '../../spec/checks.ts';
import { list, optional, ov, required, string, timestamp } from '../../spec/property-types.ts';

/** STIX 2.1 §4.8 Infrastructure. */
export const infrastructure: ObjectTypeSpec = {
  type: 'infrastructure',
  category: 'sdo',
  properties: {
    name: required(string),
    description: optional(string),
    infrastructure_types: optional(list(ov('infrastructure-type-ov'))),
    aliases: optional(list(string)),
    kill_chain_phases: optional(list(killChainPhase)),
    first_seen: optional(timestamp),
    last_seen: optional(timestamp),
  },
  checks: [timestampOrder('first_seen', 'last_seen')],
};
