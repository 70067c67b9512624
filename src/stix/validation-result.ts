/** One finding of the validator: where (object id + JSON path inside it) and what is wrong, in words. */
export interface ValidationIssue {
  severity: 'error' | 'warning';
  /** The `id` of the object concerned, when it has one. */
  objectId?: string;
  /** JSON path from the object's root, e.g. `$.external_references[0].source_name`. */
  path: string;
  message: string;
}

/** The outcome of validating one object or one document (object, list or bundle). */
export interface ValidationResult {
  valid: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}
