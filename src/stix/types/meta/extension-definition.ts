import type { ObjectCheck, ObjectTypeSpec } from '../../spec/property-spec.ts';
import { modifiedNotBeforeCreated } from '../../spec/common-properties.ts';
import { boolean, en, list, optional, ref, required, string } from '../../spec/property-types.ts';

// §7.3: a toplevel-property-extension must name the properties it adds.
const toplevelNamesProperties: ObjectCheck = (o, report) => {
  if (Array.isArray(o.extension_types) && o.extension_types.includes('toplevel-property-extension') && o.extension_properties === undefined) {
    report.error('$.extension_properties', 'extension_properties is required when extension_types includes toplevel-property-extension');
  }
};

/** STIX 2.1 §7.3 Extension Definition. */
export const extensionDefinition: ObjectTypeSpec = {
  type: 'extension-definition',
  category: 'meta',
  properties: {
    created_by_ref: required(ref('identity')),
    modified: required({ kind: 'timestamp', precision: 'millisecond' }),
    revoked: optional(boolean),
    labels: optional(list(string)),
    name: required(string),
    description: optional(string),
    schema: required(string),
    version: required(string),
    extension_types: required(list(en('extension-type-enum'))),
    extension_properties: optional(list(string)),
  },
  checks: [modifiedNotBeforeCreated, toplevelNamesProperties],
};
