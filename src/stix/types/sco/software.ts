import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { requiredText, text } from './sco-spec-builders.ts';

/** STIX 2.1 §6.11 Mutex. */
export const mutex: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'mutex',
  category: 'sco',
  properties: { name: requiredText },
  idContributing: ['name'],
});

/** STIX 2.1 §6.14 Software. */
export const software: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'software',
  category: 'sco',
  properties: {
    name: requiredText,
    cpe: text,
    swid: text,
    // §6.14: ISO 639-2 language codes.
    languages: {
      type: { kind: 'list', of: { kind: 'string', pattern: /^[a-z]{3}$/, patternHint: 'an ISO 639-2 code, e.g. eng' } },
    },
    vendor: text,
    version: text,
  },
  idContributing: ['name', 'cpe', 'swid', 'vendor', 'version'],
});
