import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { list, optional, refs, required, string } from '../../spec/property-types.ts';

/** STIX 2.1 §4.13 Note. */
export const note: ObjectTypeSpec = {
  type: 'note',
  category: 'sdo',
  properties: {
    abstract: optional(string),
    content: required(string),
    authors: optional(list(string)),
    object_refs: required(refs()),
  },
};
