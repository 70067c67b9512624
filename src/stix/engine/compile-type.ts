import type { ObjectCategory, ObjectCheck, PropertySpecs, PropertyType, Reporter } from '../spec/property-spec.ts';
import { identifierType } from '../identifier.ts';
import { isTimestamp } from '../timestamp.ts';
import { checkCustomReference, unknownPropertyProblem } from './custom-names.ts';
import { checkHashes } from './hashes.ts';
import { NestedReporter } from './issue-sink.ts';
import { member } from './json-path.ts';

/** Checks one value found at `path`. */
export type ValueCheck = (value: unknown, path: string, report: Reporter) => void;

/** What the compiler needs to know about the registry: the category of a type (undefined for custom types). */
export interface CompileEnv {
  categoryOf(type: string): ObjectCategory | undefined;
}

const URL_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const HEX = /^(?:[0-9A-Fa-f]{2})*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** True for a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** Turns a declarative property type into a closure that checks values of it. */
export function compileType(type: PropertyType, env: CompileEnv): ValueCheck {
  switch (type.kind) {
    case 'string': {
      const { pattern, patternHint, minLength } = type;
      return (v, path, report) => {
        if (typeof v !== 'string') return report.error(path, `must be a string, found ${show(v)}`);
        if (minLength !== undefined && v.length < minLength) report.error(path, `must be at least ${minLength} characters long`);
        if (pattern && !pattern.test(v)) report.error(path, `${show(v)} must be ${patternHint ?? `a string matching ${pattern}`}`);
      };
    }
    case 'integer': {
      const { min, max } = type;
      return (v, path, report) => {
        if (!Number.isInteger(v)) return report.error(path, `must be an integer, found ${show(v)}`);
        if ((min !== undefined && (v as number) < min) || (max !== undefined && (v as number) > max)) report.error(path, `${v} is out of range ${range(min, max)}`);
      };
    }
    case 'float': {
      const { min, max } = type;
      return (v, path, report) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) return report.error(path, `must be a number, found ${show(v)}`);
        if ((min !== undefined && v < min) || (max !== undefined && v > max)) report.error(path, `${v} is out of range ${range(min, max)}`);
      };
    }
    case 'boolean':
      return (v, path, report) => {
        if (typeof v !== 'boolean') report.error(path, `must be true or false, found ${show(v)}`);
      };
    case 'timestamp': {
      const millis = type.precision === 'millisecond';
      const hint = millis ? 'a UTC timestamp with milliseconds, e.g. "2024-03-01T12:00:00.000Z"' : 'a UTC timestamp such as "2024-03-01T12:00:00Z"';
      return (v, path, report) => {
        if (!isTimestamp(v, millis)) report.error(path, `${show(v)} must be ${hint}`);
      };
    }
    case 'identifier':
      return compileIdentifier(type.refTypes, type.refCategories, env);
    case 'list': {
      const item = compileType(type.of, env);
      const minItems = type.minItems ?? 0;
      return (v, path, report) => {
        if (!Array.isArray(v)) return report.error(path, `must be a list, found ${show(v)}`);
        if (v.length < minItems) return report.error(path, minItems === 1 ? 'must not be an empty list' : `must have at least ${minItems} items`);
        for (let i = 0; i < v.length; i++) item(v[i], `${path}[${i}]`, report);
      };
    }
    case 'dictionary': {
      const value = type.values ? compileType(type.values, env) : undefined;
      return (v, path, report) => {
        if (!isRecord(v)) return report.error(path, `must be a dictionary (JSON object), found ${show(v)}`);
        let keys = 0;
        for (const key in v) {
          keys++;
          // STIX 2.1 §2.7: dictionary keys are at most 250 ASCII characters.
          if (key.length > 250) report.error(member(path, key), 'dictionary keys must be at most 250 characters');
          if (value) value(v[key], member(path, key), report);
        }
        if (keys === 0) report.error(path, 'must not be an empty dictionary');
      };
    }
    case 'hex':
      return (v, path, report) => {
        if (typeof v !== 'string' || !HEX.test(v)) report.error(path, `${show(v)} must be an even-length hexadecimal string`);
      };
    case 'binary':
      return (v, path, report) => {
        if (typeof v !== 'string' || !BASE64.test(v)) report.error(path, 'must be base64-encoded binary data');
      };
    case 'url':
      return (v, path, report) => {
        if (typeof v !== 'string' || !URL_FORM.test(v)) report.error(path, `${show(v)} must be a URL (RFC 3986) without spaces`);
      };
    case 'hashes':
      return checkHashes;
    case 'enum': {
      const allowed = new Set(type.values);
      const list = type.values.join(', ');
      return (v, path, report) => {
        if (typeof v !== 'string' || !allowed.has(v)) report.error(path, `${show(v)} must be one of: ${list}`);
      };
    }
    case 'open-vocab': {
      const known = new Set(type.values);
      return (v, path, report) => {
        if (typeof v !== 'string') return report.error(path, `must be a string, found ${show(v)}`);
        if (!known.has(v)) report.warn(path, `"${v}" is not in the suggested vocabulary (${type.values.slice(0, 6).join(', ')}${type.values.length > 6 ? ', …' : ''})`);
      };
    }
    case 'object':
      return compileNested(type.properties, type.checks ?? [], type.allowCustom, env);
    case 'any':
      return () => undefined;
  }
}

function range(min: number | undefined, max: number | undefined): string {
  return `${min ?? '-∞'}..${max ?? '∞'}`;
}

function compileIdentifier(refTypes: readonly string[] | undefined, refCategories: readonly ObjectCategory[] | undefined, env: CompileEnv): ValueCheck {
  const types = refTypes ? new Set(refTypes) : undefined;
  const categories = refCategories ? new Set(refCategories) : undefined;
  const wanted = refTypes ? refTypes.join(' or ') : refCategories?.map((c) => c.toUpperCase()).join(' or ');
  return (v, path, report) => {
    const target = typeof v === 'string' ? identifierType(v) : undefined;
    if (target === undefined) return report.error(path, `${show(v)} must be a STIX identifier "type--UUID" with an RFC 4122 UUID`);
    // §8: a bundle is a transport envelope, never an object that can be referenced.
    if (target === 'bundle') return report.error(path, 'must reference a STIX object, not a bundle');
    if (types && !types.has(target)) return report.error(path, `must reference ${wanted}, not ${target}`);
    if (categories) {
      // Custom types have no known category (§11.2), so only known types are held to the restriction.
      const category = env.categoryOf(target);
      if (category !== undefined && !categories.has(category)) report.error(path, `must reference an ${wanted}, not ${target} (${category.toUpperCase()})`);
    }
  };
}

/** A nested object: its own properties, custom ones per §11.1, then its cross-property checks. */
export function compileNested(properties: PropertySpecs, checks: readonly ObjectCheck[], allowCustom: boolean | undefined, env: CompileEnv, owner = 'this object'): ValueCheck {
  const entries = new Map(Object.entries(properties).map(([key, spec]) => [key, compileType(spec.type, env)] as const));
  const requiredKeys = Object.entries(properties).filter(([, spec]) => spec.required).map(([key]) => key);
  return (v, path, report) => {
    if (!isRecord(v)) return report.error(path, `must be a JSON object, found ${show(v)}`);
    for (const key in v) {
      const check = entries.get(key);
      if (check) check(v[key], `${path}.${key}`, report);
      else if (allowCustom !== true) {
        const problem = allowCustom === false ? `"${key}" is not a property of ${owner}` : unknownPropertyProblem(key, owner, false);
        if (problem) report.error(member(path, key), problem);
        else checkCustomReference(key, v[key], `${path}.${key}`, report);
      }
    }
    for (const key of requiredKeys) if (v[key] === undefined) report.error(`${path}.${key}`, `${key} is required`);
    if (checks.length) {
      const nested = new NestedReporter(report, path);
      for (const check of checks) check(v, nested);
    }
  };
}
