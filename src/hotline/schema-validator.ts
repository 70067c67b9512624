import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ParleyError } from '../errors.ts';

// ajv-formats is CommonJS whose typings claim an ES default export; load it as what it is.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;

/** The JSON Schemas Parley publishes for its extensions, by file name under `schemas/`. */
export const SCHEMA_FILES = Object.freeze(['x-parley-message.json', 'x-parley-agreement.json', 'parley-party.json'] as const);
export type SchemaFile = (typeof SCHEMA_FILES)[number];

/** Loads one published schema document. */
export function loadSchema(file: SchemaFile): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./schemas/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

function compileAll() {
  // strictRequired would reject the per-kind `required` lists in if/then: they name properties declared at the top.
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true, strictRequired: false }));
  return Object.fromEntries(SCHEMA_FILES.map((file) => [file, ajv.compile(loadSchema(file))])) as Record<
    SchemaFile,
    ReturnType<Ajv2020['compile']>
  >;
}

// Compiled once at load: the schemas are constants of the program.
const compiled = Object.freeze(compileAll());

/** Checks a value against a published schema; throws INVALID_STIX naming the first failures. */
export function assertMatchesSchema(file: SchemaFile, value: unknown, what: string): void {
  const validate = compiled[file];
  if (validate(value)) return;
  const problems = (validate.errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
    .join('; ');
  throw new ParleyError('INVALID_STIX', `${what} does not match ${file}: ${problems}`);
}
