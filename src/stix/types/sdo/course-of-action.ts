import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { optional, required, string } from '../../spec/property-types.ts';

/** STIX 2.1 §4.3 Course of Action (its action_* properties are reserved, so they stay unchecked custom names). */
export const courseOfAction: ObjectTypeSpec = {
  type: 'course-of-action',
  category: 'sdo',
  properties: {
    name: required(string),
    description: optional(string),
  },
};
