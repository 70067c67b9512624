import type { StixObject } from '../api/types.ts';

/** One labelled line of an object's readable rendering; `code` marks values shown in monospace (patterns). */
export interface StixField {
  label: string;
  value: string;
  code?: boolean;
}

/** What the console shows for one STIX object: a heading, its kind of object and the fields worth reading. */
export interface StixDescription {
  id: string;
  type: string;
  typeLabel: string;
  title: string;
  fields: StixField[];
}

/** The Incident Core Extension (see ../shared/README.md) carries determination and investigation status. */
const incidentCoreExtension = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';

/** Properties every STIX object carries that say nothing about the evidence itself. */
const commonProperties = new Set([
  'type', 'id', 'spec_version', 'created', 'modified', 'created_by_ref', 'object_marking_refs',
  'granular_markings', 'extensions', 'external_references', 'lang', 'revoked', 'confidence', 'labels', 'name',
]);

/** "attack-pattern" → "Attack pattern"; custom "x-foo" types keep their name. */
export function typeLabel(type: string): string {
  if (type.startsWith('x-')) return type;
  const words = type.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A property value as one line of text; nested objects become compact JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "kill_chain_phases" → "Kill chain phases". */
function propertyLabel(name: string): string {
  const words = name.replace(/_refs?$/, (s) => (s === '_refs' ? ' refs' : ' ref')).split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function pick(object: StixObject, names: readonly string[]): StixField[] {
  return names.filter((n) => object[n] !== undefined).map((n) => ({ label: propertyLabel(n), value: valueText(object[n]) }));
}

function killChain(object: StixObject): StixField[] {
  const phases = object.kill_chain_phases;
  if (!Array.isArray(phases) || phases.length === 0) return [];
  const text = phases
    .map((p) => (typeof p === 'object' && p !== null ? `${(p as Record<string, unknown>).kill_chain_name}: ${(p as Record<string, unknown>).phase_name}` : String(p)))
    .join(', ');
  return [{ label: 'Kill chain phases', value: text }];
}

function indicatorFields(object: StixObject): StixField[] {
  const fields: StixField[] = [];
  if (object.pattern !== undefined) {
    fields.push({ label: `Pattern (${valueText(object.pattern_type ?? 'stix')})`, value: valueText(object.pattern), code: true });
  }
  return [...fields, ...pick(object, ['indicator_types', 'valid_from', 'valid_until', 'description']), ...killChain(object)];
}

function incidentFields(object: StixObject): StixField[] {
  const fields = pick(object, ['description']);
  const extensions = object.extensions as Record<string, Record<string, unknown>> | undefined;
  const core = extensions?.[incidentCoreExtension];
  if (core) fields.push(...pick({ type: 'incident', id: object.id, ...core }, ['determination', 'investigation_status', 'incident_types', 'criticality', 'recoverability']));
  return [...fields, ...killChain(object)];
}

function malwareFields(object: StixObject): StixField[] {
  const fields = pick(object, ['malware_types', 'description', 'capabilities', 'implementation_languages', 'architecture_execution_envs']);
  if (typeof object.is_family === 'boolean') fields.unshift({ label: 'Family', value: object.is_family ? 'yes' : 'no (instance)' });
  return [...fields, ...killChain(object)];
}

/** Every scalar or list property outside the common ones, for types without a tailored view. */
function genericFields(object: StixObject): StixField[] {
  return Object.keys(object)
    .filter((name) => !commonProperties.has(name))
    .sort()
    .map((name) => ({ label: propertyLabel(name), value: valueText(object[name]) }));
}

/** The heading of an object: its name, else what an SCO or SRO carries, else its id. */
export function stixTitle(object: StixObject): string {
  if (typeof object.name === 'string' && object.name !== '') return object.name;
  if (object.type === 'relationship') return `${valueText(object.relationship_type)} relationship`;
  if (typeof object.value === 'string') return object.value;
  if (typeof object.path === 'string') return object.path;
  return object.id;
}

/** The readable rendering of any STIX object, tailored for indicators, incidents and malware. */
export function describeStixObject(object: StixObject): StixDescription {
  const fields =
    object.type === 'indicator' ? indicatorFields(object)
    : object.type === 'incident' ? incidentFields(object)
    : object.type === 'malware' ? malwareFields(object)
    : genericFields(object);
  return { id: object.id, type: object.type, typeLabel: typeLabel(object.type), title: stixTitle(object), fields };
}
