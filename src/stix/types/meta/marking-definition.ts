import type { ObjectCheck, ObjectTypeSpec } from '../../spec/property-spec.ts';
import { forbidden, requiresWith } from '../../spec/checks.ts';
import { dictionary, optional, string } from '../../spec/property-types.ts';

const TLP_LEVELS = new Set(['white', 'green', 'amber', 'red']);

// §7.2.1: the legacy definition_type/definition pair, or an extension (e.g. TLP 2.0), must define the marking.
const defined: ObjectCheck = (o, report) => {
  if (o.definition_type === undefined && o.extensions === undefined) {
    report.error('$', 'a marking-definition needs definition_type with definition, or an extension that defines it');
  }
  const definition = o.definition as Record<string, unknown> | undefined;
  if (typeof definition !== 'object' || definition === null) return;
  if (o.definition_type === 'tlp') {
    // §7.2.1.3: TLP 1.0 markings carry exactly one of the four colours.
    if (typeof definition.tlp !== 'string' || !TLP_LEVELS.has(definition.tlp)) report.error('$.definition.tlp', 'a tlp definition needs tlp set to white, green, amber or red');
  } else if (o.definition_type === 'statement') {
    if (typeof definition.statement !== 'string') report.error('$.definition.statement', 'a statement definition needs statement as a string');
  }
};

/** STIX 2.1 §7.2.1 Marking Definition (not versionable: no modified, no revoked). */
export const markingDefinition: ObjectTypeSpec = {
  type: 'marking-definition',
  category: 'meta',
  properties: {
    name: optional(string),
    definition_type: optional(string),
    definition: optional(dictionary()),
  },
  checks: [defined, requiresWith('definition_type', 'definition'), requiresWith('definition', 'definition_type'), forbidden('marking definitions cannot be versioned (§7.2.1)', 'modified', 'revoked')],
};
