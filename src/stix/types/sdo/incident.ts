import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { killChainPhase } from '../../spec/common-properties.ts';
import { list, optional, required, string } from '../../spec/property-types.ts';

/** STIX 2.1 §4.6 Incident (a stub in 2.1; the Incident Core Extension adds the substance). */
export const incident: ObjectTypeSpec = {
  type: 'incident',
  category: 'sdo',
  properties: {
    name: required(string),
    description: optional(string),
    kill_chain_phases: optional(list(killChainPhase)),
  },
};
