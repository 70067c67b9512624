import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { list, optional, ov, refs, required, string, timestamp } from '../../spec/property-types.ts';

/** STIX 2.1 §4.16 Report. */
export const report: ObjectTypeSpec = {
  type: 'report',
  category: 'sdo',
  properties: {
    name: required(string),
    description: optional(string),
    report_types: optional(list(ov('report-type-ov'))),
    published: required(timestamp),
    object_refs: required(refs()),
  },
};
