import type { ObjectTypeSpec } from '../../spec/property-spec.ts';
import { atLeastOneOf, count, hashes, hex, ref, refs, requiredText, text, timestamp } from './sco-spec-builders.ts';

/** STIX 2.1 §6.3 Directory. */
export const directory: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'directory',
  category: 'sco',
  properties: {
    path: requiredText,
    path_enc: text,
    ctime: timestamp,
    mtime: timestamp,
    atime: timestamp,
    contains_refs: refs('file', 'directory'),
  },
  idContributing: ['path'],
});

/** STIX 2.1 §6.7 File. */
export const file: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'file',
  category: 'sco',
  properties: {
    hashes,
    size: count,
    name: text,
    name_enc: text,
    magic_number_hex: hex,
    mime_type: text,
    ctime: timestamp,
    mtime: timestamp,
    atime: timestamp,
    parent_directory_ref: ref('directory'),
    // §6.7: any SCO may be contained (e.g. files inside an archive image).
    contains_refs: { type: { kind: 'list', of: { kind: 'identifier', refCategories: ['sco'] } } },
    content_ref: ref('artifact'),
  },
  checks: [atLeastOneOf(['hashes', 'name'], 'file')],
  idContributing: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
});
