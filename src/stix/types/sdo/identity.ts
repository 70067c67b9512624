import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { list, optional, ov, required, string } from '../../spec/property-types.ts';

/** STIX 2.1 §4.5 Identity. */
export const identity: ObjectTypeSpec = {
  type: 'identity',
  category: 'sdo',
  properties: {
    name: required(string),
    description: optional(string),
    roles: optional(list(string)),
    identity_class: optional(ov('identity-class-ov')),
    sectors: optional(list(ov('industry-sector-ov'))),
    contact_information: optional(string),
  },
};
