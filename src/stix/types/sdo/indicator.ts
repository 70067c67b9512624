import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { killChainPhase } from '../../spec/common-properties.ts';
import { timestampOrder } from '../../spec/checks.ts';
import { list, optional, ov, required, string, timestamp } from '../../spec/property-types.ts';

/** STIX 2.1 §4.7 Indicator. */
export const indicator: ObjectTypeSpec = {
  type: 'indicator',
  category: 'sdo',
  properties: {
    name: optional(string),
    description: optional(string),
    indicator_types: optional(list(ov('indicator-type-ov'))),
    pattern: required(string),
    pattern_type: required(ov('pattern-type-ov')),
    pattern_version: optional(string),
    valid_from: required(timestamp),
    valid_until: optional(timestamp),
    kill_chain_phases: optional(list(killChainPhase)),
  },
  // §4.7: valid_until must be later than valid_from.
  checks: [timestampOrder('valid_from', 'valid_until', true)],
};
