import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { en, list, optional, refs, required, string } from '../../spec/property-types.ts';

/** STIX 2.1 §4.15 Opinion. */
export const opinion: ObjectTypeSpec = {
  type: 'opinion',
  category: 'sdo',
  properties: {
    explanation: optional(string),
    authors: optional(list(string)),
    opinion: required(en('opinion-enum')),
    object_refs: required(refs()),
  },
};
