/**
 * The declarative shape of STIX 2.1 object types: each type lists its properties with their data types, and the
 * validation engine interprets these specs. Type modules (SDOs, SROs, SCOs, meta objects, extensions) only
 * declare; the engine in `src/stix/validate.ts` checks.
 */

/** Reports one finding at a path relative to the object being checked. */
export interface Reporter {
  error(path: string, message: string): void;
  warn(path: string, message: string): void;
}

/** A rule that needs more than one property (e.g. `modified >= created`). */
export type ObjectCheck = (object: Readonly<Record<string, unknown>>, report: Reporter) => void;

/** The STIX 2.1 data types (§2) a property can have, with their constraints. */
export type PropertyType =
  | { kind: 'string'; pattern?: RegExp; patternHint?: string; minLength?: number }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'float'; min?: number; max?: number }
  | { kind: 'boolean' }
  /** `precision: 'millisecond'`: exactly three fraction digits (§3.2 `created`/`modified`). */
  | { kind: 'timestamp'; precision?: 'millisecond' }
  /** An identifier; `refTypes` lists the object types it may point at (omitted: any type). */
  | { kind: 'identifier'; refTypes?: readonly string[]; refCategories?: readonly ('sdo' | 'sro' | 'sco' | 'meta')[] }
  | { kind: 'list'; of: PropertyType; minItems?: number }
  | { kind: 'dictionary'; values?: PropertyType }
  | { kind: 'hex' }
  | { kind: 'binary' }
  | { kind: 'url' }
  | { kind: 'hashes' }
  /** A closed enumeration: a value outside it is an error. */
  | { kind: 'enum'; values: readonly string[] }
  /** An open vocabulary: a value outside it is a warning. */
  | { kind: 'open-vocab'; values: readonly string[] }
  /** A nested object (e.g. an external reference) with its own properties and rules. */
  | { kind: 'object'; properties: PropertySpecs; checks?: readonly ObjectCheck[]; allowCustom?: boolean }
  /** Any JSON value (e.g. `extensions` entries checked elsewhere). */
  | { kind: 'any' };

/** One property of a type. */
export interface PropertySpec {
  type: PropertyType;
  required?: boolean;
}

export type PropertySpecs = Readonly<Record<string, PropertySpec>>;

/** The four families of STIX objects. */
export type ObjectCategory = 'sdo' | 'sro' | 'sco' | 'meta';

/** One STIX object type. Common properties come from the category; `properties` holds the type's own. */
export interface ObjectTypeSpec {
  type: string;
  category: ObjectCategory;
  properties: PropertySpecs;
  checks?: readonly ObjectCheck[];
  /** SCOs: the properties that contribute to the deterministic UUIDv5 id (STIX 2.1 §2.9), in spec order. */
  idContributing?: readonly string[];
}

/** A predefined extension (e.g. `archive-ext` on `file`, or the Incident Core Extension). */
export interface ExtensionSpec {
  /** The key under `extensions`, e.g. `ntfs-ext` or `extension-definition--…`. */
  name: string;
  /** The object types it may extend. */
  appliesTo: readonly string[];
  properties: PropertySpecs;
  checks?: readonly ObjectCheck[];
  /** At least one of these properties must be present (STIX 2.1 §6 extensions require at least one). */
  atLeastOneOf?: readonly string[];
}
