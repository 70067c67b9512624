import type { ObjectCheck, ObjectTypeSpec } from '../../spec/property-spec.ts';
import { forbidden, requiresWith } from '../../spec/checks.ts';
import { dictionary, optional, string } from '../../spec/property-types.ts';
import { TLP1_MARKINGS, TLP2_MARKINGS } from '../../tlp.ts';
import { TLP_2_EXTENSION } from '../extensions/tlp-2.ts';

const TLP_LEVELS = new Set(['white', 'green', 'amber', 'red']);
const TLP1_LEVEL_OF = new Map(TLP1_MARKINGS.map((m) => [m.id, m.definition?.tlp]));
const TLP2_LEVEL_OF = new Map(TLP2_MARKINGS.map((m) => [m.id, m.extensions?.[TLP_2_EXTENSION]?.tlp_2_0]));

// §7.2.1.4: only the four predefined TLP marking definitions may be used; FIRST publishes the five TLP 2.0 ones.
const predefinedTlp: ObjectCheck = (o, report) => {
  const id = typeof o.id === 'string' ? o.id : '';
  const definition = o.definition as { tlp?: unknown } | undefined;
  if (o.definition_type === 'tlp') {
    if (!TLP1_LEVEL_OF.has(id)) report.error('$.id', 'TLP 1.0 markings must use one of the four predefined TLP marking-definition ids (STIX 2.1 §7.2.1.4)');
    else if (definition?.tlp !== TLP1_LEVEL_OF.get(id)) report.error('$.definition.tlp', `the predefined marking ${id} is TLP:${String(TLP1_LEVEL_OF.get(id)).toUpperCase()}`);
  }
  const extension = (o.extensions as Record<string, { tlp_2_0?: unknown }> | undefined)?.[TLP_2_EXTENSION];
  if (typeof extension === 'object' && extension !== null && typeof extension.tlp_2_0 === 'string') {
    const level = TLP2_LEVEL_OF.get(id);
    if (level === undefined) report.warn('$.id', 'TLP 2.0 markings should use one of the five marking-definition ids published with the TLP 2.0 extension');
    else if (level !== extension.tlp_2_0) report.error(`$.extensions['${TLP_2_EXTENSION}'].tlp_2_0`, `the published marking ${id} is TLP:${level.toUpperCase()}`);
  }
};

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
  checks: [defined, predefinedTlp, requiresWith('definition_type', 'definition'), requiresWith('definition', 'definition_type'), forbidden('marking definitions cannot be versioned (§7.2.1)', 'modified', 'revoked')],
};
