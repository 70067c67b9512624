import type { ExtensionSpec, Reporter } from '../spec/property-spec.ts';
import { identifierType } from '../identifier.ts';
import { compileNested, isRecord, type CompileEnv, type ValueCheck } from './compile-type.ts';
import { member } from './json-path.ts';

const EXTENSION_TYPES = new Set(['new-sdo', 'new-sco', 'new-sro', 'property-extension', 'toplevel-property-extension']);
const DEFINITION_PREFIX = 'extension-definition--';

/** What the `extensions` of an object declare about it (STIX 2.1 §7.3). */
export interface ExtensionFacts {
  /** new-sdo / new-sco / new-sro when an extension definition defines the object's type. */
  newKind: 'new-sdo' | 'new-sco' | 'new-sro' | undefined;
  /** True when a toplevel-property-extension adds properties at the top level. */
  toplevel: boolean;
}

/** Checks extension entries: definitions by id, predefined ones through the registry. */
export class ExtensionChecker {
  readonly #known: ReadonlyMap<string, { spec: ExtensionSpec; check: ValueCheck }>;

  constructor(extensions: ReadonlyMap<string, ExtensionSpec>, env: CompileEnv) {
    const known = new Map<string, { spec: ExtensionSpec; check: ValueCheck }>();
    for (const [name, spec] of extensions) known.set(name, { spec, check: compileNested(spec.properties, spec.checks ?? [], undefined, env, name) });
    this.#known = known;
  }

  /** Validates `object.extensions` (when present) and returns what it declares. */
  check(type: string, known: boolean, extensions: unknown, report: Reporter): ExtensionFacts {
    const facts: ExtensionFacts = { newKind: undefined, toplevel: false };
    if (extensions === undefined) return facts;
    if (!isRecord(extensions)) {
      report.error('$.extensions', 'extensions must be a dictionary of extension name to extension object');
      return facts;
    }
    let count = 0;
    for (const name in extensions) {
      count++;
      const path = member('$.extensions', name);
      const value = extensions[name];
      if (!isRecord(value)) {
        report.error(path, 'an extension must be a JSON object');
        continue;
      }
      const predefined = this.#known.get(name);
      if (name.startsWith(DEFINITION_PREFIX)) this.#definition(name, value, path, type, known, facts, report);
      else if (!predefined) report.warn(path, `"${name}" is not a predefined extension; STIX 2.1 custom extensions are defined by an extension-definition (the 2.0 style is deprecated)`);
      if (predefined) {
        if (!predefined.spec.appliesTo.includes(type)) report.error(path, `${name} applies to ${predefined.spec.appliesTo.join(', ')}, not ${type}`);
        predefined.check(value, path, report);
        const atLeast = predefined.spec.atLeastOneOf;
        if (atLeast && !atLeast.some((key) => value[key] !== undefined)) report.error(path, `${name} needs at least one of ${atLeast.join(', ')}`);
      }
    }
    if (count === 0) report.error('$.extensions', 'extensions must not be empty');
    return facts;
  }

  #definition(name: string, value: Record<string, unknown>, path: string, type: string, known: boolean, facts: ExtensionFacts, report: Reporter): void {
    if (identifierType(name) !== 'extension-definition') report.error(path, `"${name}" is not a valid extension-definition identifier`);
    const kind = value.extension_type;
    if (kind === undefined) return; // absent: a property-extension (§7.3)
    if (typeof kind !== 'string' || !EXTENSION_TYPES.has(kind)) {
      report.error(`${path}.extension_type`, `extension_type must be one of ${[...EXTENSION_TYPES].join(', ')}`);
      return;
    }
    if (kind === 'toplevel-property-extension') facts.toplevel = true;
    else if (kind === 'new-sdo' || kind === 'new-sco' || kind === 'new-sro') {
      if (known) report.error(`${path}.extension_type`, `${kind} cannot apply to the predefined type ${type}`);
      facts.newKind = kind;
    }
  }
}
