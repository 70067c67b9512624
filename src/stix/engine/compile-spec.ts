import type { ObjectCategory, ObjectCheck, ObjectTypeSpec, PropertySpecs, Reporter } from '../spec/property-spec.ts';
import { domainCommon, metaCommon, modifiedNotBeforeCreated, observableCommon } from '../spec/common-properties.ts';
import { compileType, type CompileEnv, type ValueCheck } from './compile-type.ts';
import { checkCustomReference, unknownPropertyProblem } from './custom-names.ts';
import { member } from './json-path.ts';

/** A type compiled once: a property table with precomputed paths, the required names and the object checks. */
export interface CompiledType {
  readonly type: string;
  readonly category: ObjectCategory | undefined;
  checkProperties(object: Record<string, unknown>, report: Reporter, looseCustomNames: boolean): void;
}

const COMMON: Readonly<Record<ObjectCategory, PropertySpecs>> = Object.freeze({ sdo: domainCommon, sro: domainCommon, sco: observableCommon, meta: metaCommon });

/** The common properties of a category (§3.2). */
export function commonProperties(category: ObjectCategory): PropertySpecs {
  return COMMON[category];
}

/** Compiles a type spec merged with the common properties of its category. */
export function compileSpec(spec: ObjectTypeSpec, env: CompileEnv): CompiledType {
  const base = commonProperties(spec.category);
  const checks: ObjectCheck[] = [...(spec.category === 'sdo' || spec.category === 'sro' ? [modifiedNotBeforeCreated] : []), ...(spec.checks ?? [])];
  return compileProperties(spec.type, spec.category, { ...base, ...spec.properties }, checks, env);
}

/** Compiles a property table (used for known types and, with common properties only, for custom types). */
export function compileProperties(type: string, category: ObjectCategory | undefined, properties: PropertySpecs, checks: readonly ObjectCheck[], env: CompileEnv): CompiledType {
  const table = new Map<string, { check: ValueCheck; path: string }>();
  const required: { key: string; path: string }[] = [];
  for (const [key, spec] of Object.entries(properties)) {
    const path = `$.${key}`;
    // `extensions` is checked entry by entry against the registry (see extensions.ts).
    table.set(key, { check: key === 'extensions' ? () => undefined : compileType(spec.type, env), path });
    if (spec.required) required.push({ key, path });
  }
  return {
    type,
    category,
    checkProperties(object, report, looseCustomNames) {
      for (const key in object) {
        const entry = table.get(key);
        if (entry) entry.check(object[key], entry.path, report);
        else {
          const problem = unknownPropertyProblem(key, type, looseCustomNames);
          if (problem) report.error(member('$', key), problem);
          else checkCustomReference(key, object[key], `$.${key}`, report);
        }
      }
      for (const { key, path } of required) if (object[key] === undefined) report.error(path, `${key} is required on ${type}`);
      for (const check of checks) check(object, report);
    },
  };
}
