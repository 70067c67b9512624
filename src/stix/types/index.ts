import type { ExtensionSpec, ObjectCategory, ObjectTypeSpec } from '../spec/property-spec.ts';
import { incidentCore } from './extensions/incident-core.ts';
import { tlp2Extension } from './extensions/tlp-2.ts';
import { extensionDefinition } from './meta/extension-definition.ts';
import { languageContent } from './meta/language-content.ts';
import { markingDefinition } from './meta/marking-definition.ts';
import { scoExtensions, scoTypes } from './sco/index.ts';
import { sdoTypes } from './sdo/index.ts';
import { SCO_TYPE_NAMES } from './sco-type-names.ts';
import { relationship } from './sro/relationship.ts';
import { sighting } from './sro/sighting.ts';

/** Every object type and predefined extension the validator knows, looked up by name. */
export interface Registry {
  readonly types: ReadonlyMap<string, ObjectTypeSpec>;
  readonly extensions: ReadonlyMap<string, ExtensionSpec>;
  categoryOf(type: string): ObjectCategory | undefined;
}

const types = new Map<string, ObjectTypeSpec>();
for (const spec of [...sdoTypes, relationship, sighting, ...scoTypes, markingDefinition, languageContent, extensionDefinition]) types.set(spec.type, spec);
// An SCO type whose full spec is not registered still gets its category and the SCO common properties.
for (const type of SCO_TYPE_NAMES) if (!types.has(type)) types.set(type, { type, category: 'sco', properties: {} });
const extensions = new Map<string, ExtensionSpec>();
for (const spec of [...scoExtensions, incidentCore, tlp2Extension]) extensions.set(spec.name, spec);

/** The STIX 2.1 registry: 19 SDOs, 2 SROs, the SCOs, 3 meta objects and the predefined extensions. */
export const registry: Registry = Object.freeze({
  types,
  extensions,
  categoryOf: (type: string) => types.get(type)?.category,
});
