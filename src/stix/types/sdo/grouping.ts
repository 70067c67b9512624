import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { optional, ov, refs, required, string } from '../../spec/property-types.ts';

/** STIX 2.1 §4.4 Grouping. */
export const grouping: ObjectTypeSpec = {
  type: 'grouping',
  category: 'sdo',
  properties: {
    name: optional(string),
    description: optional(string),
    context: required(ov('grouping-context-ov')),
    object_refs: required(refs()),
  },
};
