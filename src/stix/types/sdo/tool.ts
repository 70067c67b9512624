import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { killChainPhase } from '../../spec/common-properties.ts';
import { list, optional, ov, required, string } from '../../spec/property-types.ts';

/** STIX 2.1 §4.18 Tool. */
export const tool: ObjectTypeSpec = {
  type: 'tool',
  category: 'sdo',
  properties: {
    name: required(string),
    description: optional(string),
    tool_types: optional(list(ov('tool-type-ov'))),
    aliases: optional(list(string)),
    kill_chain_phases: optional(list(killChainPhase)),
    tool_version: optional(string),
  },
};
