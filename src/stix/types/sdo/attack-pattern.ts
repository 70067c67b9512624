import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { killChainPhase } from '../../spec/common-properties.ts';
import { list, optional, required, string } from '../../spec/property-types.ts';

/** STIX 2.1 §4.1 Attack Pattern. */
export const attackPattern: ObjectTypeSpec = {
  type: 'attack-pattern',
  category: 'sdo',
  properties: {
    name: required(string),
    description: optional(string),
    aliases: optional(list(string)),
    kill_chain_phases: optional(list(killChainPhase)),
  },
};
