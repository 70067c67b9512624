import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { modifiedNotBeforeCreated } from '../../spec/common-properties.ts';
import { boolean, dictionary, integer, list, optional, ref, required, string, timestamp } from '../../spec/property-types.ts';

/** STIX 2.1 §7.1 Language Content. */
export const languageContent: ObjectTypeSpec = {
  type: 'language-content',
  category: 'meta',
  properties: {
    modified: required({ kind: 'timestamp', precision: 'millisecond' }),
    revoked: optional(boolean),
    labels: optional(list(string)),
    confidence: optional(integer(0, 100)),
    object_ref: required(ref()),
    object_modified: optional(timestamp),
    contents: required(dictionary(dictionary())),
  },
  checks: [modifiedNotBeforeCreated],
};
