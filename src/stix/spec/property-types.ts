import type { ObjectCheck, PropertySpec, PropertySpecs, PropertyType } from './property-spec.ts';
import { Vocab, type VocabularyName } from '../vocabularies.ts';

/** Short builders for property specs, so type modules read like the tables of the STIX 2.1 specification. */
export const string: PropertyType = Object.freeze({ kind: 'string' });
export const boolean: PropertyType = Object.freeze({ kind: 'boolean' });
export const timestamp: PropertyType = Object.freeze({ kind: 'timestamp' });
export const url: PropertyType = Object.freeze({ kind: 'url' });
export const hashes: PropertyType = Object.freeze({ kind: 'hashes' });
export const any: PropertyType = Object.freeze({ kind: 'any' });

/** An integer, optionally bounded (inclusive). */
export const integer = (min?: number, max?: number): PropertyType => ({ kind: 'integer', min, max });
/** A float, optionally bounded (inclusive). */
export const float = (min?: number, max?: number): PropertyType => ({ kind: 'float', min, max });
/** A list; STIX 2.1 lists must not be empty when present (as the OASIS schemas: minItems 1). */
export const list = (of: PropertyType): PropertyType => ({ kind: 'list', of, minItems: 1 });
/** An identifier pointing at one of the given types (none: any type). */
export const ref = (...refTypes: string[]): PropertyType => ({ kind: 'identifier', refTypes: refTypes.length ? refTypes : undefined });
/** An identifier pointing at an object of one of the given categories. */
export const refTo = (...refCategories: ('sdo' | 'sro' | 'sco' | 'meta')[]): PropertyType => ({ kind: 'identifier', refCategories });
/** A list of identifiers pointing at the given types. */
export const refs = (...refTypes: string[]): PropertyType => list(ref(...refTypes));
/** An open vocabulary: values outside it are warnings. */
export const ov = (name: VocabularyName): PropertyType => ({ kind: 'open-vocab', values: Vocab[name] });
/** A closed enumeration: values outside it are errors. */
export const en = (name: VocabularyName): PropertyType => ({ kind: 'enum', values: Vocab[name] });
/** A nested object with its own properties. */
export const object = (properties: PropertySpecs, checks?: readonly ObjectCheck[]): PropertyType => ({ kind: 'object', properties, checks });
/** A dictionary, optionally with typed values. */
export const dictionary = (values?: PropertyType): PropertyType => ({ kind: 'dictionary', values });

/** Marks a property required. */
export const required = (type: PropertyType): PropertySpec => ({ type, required: true });
/** An optional property. */
export const optional = (type: PropertyType): PropertySpec => ({ type });
