import type { ValidationIssue, ValidationResult } from './validation-result.ts';
import { identifierType, isValidTypeName } from './identifier.ts';
import { registry } from './types/index.ts';
import { domainCommon, modifiedNotBeforeCreated, observableCommon } from './spec/common-properties.ts';
import { compileProperties, compileSpec, type CompiledType } from './engine/compile-spec.ts';
import { isRecord, type CompileEnv } from './engine/compile-type.ts';
import { ExtensionChecker } from './engine/extensions.ts';
import { IssueSink } from './engine/issue-sink.ts';
import { checkSelectors } from './engine/selectors.ts';
import { checkBundleEnvelope } from './bundle.ts';

const env: CompileEnv = { categoryOf: registry.categoryOf };
const compiled: ReadonlyMap<string, CompiledType> = new Map([...registry.types.values()].map((spec) => [spec.type, compileSpec(spec, env)]));
const extensionChecker = new ExtensionChecker(registry.extensions, env);
// Custom types (§11.2) get the common properties of what their extension definition says they are.
const customDomain = compileProperties('this custom object', undefined, domainCommon, [modifiedNotBeforeCreated], env);
const customObservable = compileProperties('this custom object', undefined, observableCommon, [], env);

/** Validates one STIX 2.1 object (SDO, SRO, SCO, meta object or custom object). */
export function validateObject(object: unknown): ValidationResult {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  checkObject(object, '$', errors, warnings);
  return { valid: errors.length === 0, errors, warnings };
}

/** Validates a document: one object, a JSON list of objects, or a bundle. Paths stay relative to each object. */
export function validateDocument(doc: unknown): ValidationResult {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  if (Array.isArray(doc)) doc.forEach((object, i) => checkObject(object, `$[${i}]`, errors, warnings));
  else if (isRecord(doc) && doc.type === 'bundle') {
    const sink = new IssueSink(typeof doc.id === 'string' ? doc.id : undefined);
    checkBundleEnvelope(doc, sink);
    collect(sink, errors, warnings);
    if (Array.isArray(doc.objects)) doc.objects.forEach((object, i) => checkObject(object, `$.objects[${i}]`, errors, warnings));
  } else checkObject(doc, '$', errors, warnings);
  return { valid: errors.length === 0, errors, warnings };
}

/** How many STIX objects a document holds (for summaries): list length, bundle objects, or 1. */
export function countObjects(doc: unknown): number {
  if (Array.isArray(doc)) return doc.length;
  if (isRecord(doc) && doc.type === 'bundle') return Array.isArray(doc.objects) ? doc.objects.length : 0;
  return 1;
}

function checkObject(object: unknown, where: string, errors: ValidationIssue[], warnings: ValidationIssue[]): void {
  if (!isRecord(object)) {
    errors.push({ severity: 'error', path: '$', message: `the item at ${where} must be a STIX object (a JSON object)` });
    return;
  }
  const sink = new IssueSink(typeof object.id === 'string' ? object.id : undefined);
  checkFields(object, sink);
  collect(sink, errors, warnings);
}

function checkFields(object: Record<string, unknown>, sink: IssueSink): void {
  const type = object.type;
  if (typeof type !== 'string') return sink.error('$.type', 'type is required and must be a string naming the object type');
  const id = object.id;
  if (typeof id === 'string') {
    const prefix = identifierType(id);
    if (prefix !== undefined && prefix !== type) sink.error('$.id', `the id prefix "${prefix}" must equal the type "${type}"`);
  }
  const spec = compiled.get(type);
  const facts = extensionChecker.check(type, spec !== undefined, object.extensions, sink);
  if (spec) spec.checkProperties(object, sink, facts.toplevel);
  else checkCustom(type, object, facts.newKind, sink);
  checkSelectors(object, sink);
}

function checkCustom(type: string, object: Record<string, unknown>, newKind: string | undefined, sink: IssueSink): void {
  if (type === 'bundle') return sink.error('$.type', 'a bundle cannot be nested inside a document as an object');
  if (!isValidTypeName(type)) {
    return sink.error('$.type', `"${type}" is neither a STIX 2.1 type nor a valid custom type name (3–250 characters of a-z, 0-9 and -, without --)`);
  }
  if (newKind === undefined) sink.warn('$.type', `"${type}" is a custom type without an extension-definition (new-sdo, new-sco or new-sro) in extensions`);
  const domainLike = newKind === 'new-sdo' || newKind === 'new-sro' || (newKind === undefined && object.created !== undefined);
  (domainLike ? customDomain : customObservable).checkProperties(object, sink, true);
}

function collect(sink: IssueSink, errors: ValidationIssue[], warnings: ValidationIssue[]): void {
  if (sink.errors) for (const issue of sink.errors) errors.push(issue);
  if (sink.warnings) for (const issue of sink.warnings) warnings.push(issue);
}
