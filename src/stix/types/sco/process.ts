import type { ObjectTypeSpec, PropertySpecs } from '../../spec/property-spec.ts';
import { atLeastOneOf, flag, integer, ref, refs, stringDictionary, text, timestamp } from './sco-spec-builders.ts';

const processProperties: PropertySpecs = {
  is_hidden: flag,
  pid: integer,
  created_time: timestamp,
  cwd: text,
  command_line: text,
  environment_variables: stringDictionary,
  opened_connection_refs: refs('network-traffic'),
  creator_user_ref: ref('user-account'),
  image_ref: ref('file'),
  parent_ref: ref('process'),
  child_refs: refs('process'),
};

/** STIX 2.1 §6.13 Process: no id-contributing properties, so its ids are UUIDv4. */
export const process: ObjectTypeSpec = Object.freeze<ObjectTypeSpec>({
  type: 'process',
  category: 'sco',
  properties: processProperties,
  // §6.13: a Process must carry at least one of its own properties or an extension.
  checks: [atLeastOneOf([...Object.keys(processProperties), 'extensions'], 'process')],
  idContributing: [],
});
