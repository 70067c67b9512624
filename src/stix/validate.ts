import type { ValidationIssue, ValidationResult } from './validation-result.ts';

// Placeholder core kept deliberately small: the full STIX 2.1 validator replaces this file (issue 2).
const ID = /^([a-z][a-z0-9-]*[a-z0-9])--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Validates one STIX 2.1 object. */
export function validateObject(object: unknown): ValidationResult {
  const errors: ValidationIssue[] = [];
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    errors.push({ severity: 'error', path: '$', message: 'a STIX object must be a JSON object' });
    return { valid: false, errors, warnings: [] };
  }
  const o = object as Record<string, unknown>;
  const id = typeof o.id === 'string' ? o.id : undefined;
  const m = id ? ID.exec(id) : null;
  if (!m) errors.push({ severity: 'error', objectId: id, path: '$.id', message: 'id must be "type--UUID"' });
  else if (m[1] !== o.type) errors.push({ severity: 'error', objectId: id, path: '$.id', message: 'id prefix must equal type' });
  return { valid: errors.length === 0, errors, warnings: [] };
}
