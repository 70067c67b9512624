import type { Reporter } from '../spec/property-spec.ts';
import type { ValidationIssue } from '../validation-result.ts';

/** Collects the findings for one object; the arrays exist only once something is found, so valid objects allocate none. */
export class IssueSink implements Reporter {
  errors: ValidationIssue[] | undefined;
  warnings: ValidationIssue[] | undefined;
  constructor(readonly objectId: string | undefined) {}

  error(path: string, message: string): void {
    (this.errors ??= []).push({ severity: 'error', objectId: this.objectId, path: rooted(path), message });
  }

  warn(path: string, message: string): void {
    (this.warnings ??= []).push({ severity: 'warning', objectId: this.objectId, path: rooted(path), message });
  }
}

// Type modules may report a bare property name ("name") or a path from "$"; issues always carry the "$" form.
function rooted(path: string): string {
  if (path.startsWith('$')) return path;
  return path === '' ? '$' : path.startsWith('[') ? `$${path}` : `$.${path}`;
}

/** A reporter for a nested object: the checks report from `$` (or a bare property name), we add the prefix. */
export class NestedReporter implements Reporter {
  constructor(
    readonly sink: Reporter,
    readonly prefix: string,
  ) {}

  error(path: string, message: string): void {
    this.sink.error(this.#place(path), message);
  }

  warn(path: string, message: string): void {
    this.sink.warn(this.#place(path), message);
  }

  #place(path: string): string {
    if (path === '$' || path === '') return this.prefix;
    if (path.startsWith('$')) return this.prefix + path.slice(1);
    return path.startsWith('[') ? this.prefix + path : `${this.prefix}.${path}`;
  }
}
