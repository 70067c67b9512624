import type { ObjectQuery, VersionMatch } from '../object-store.ts';
import { versionKey } from '../timestamp.ts';
import type { SqlValue } from './pg-executor.ts';

/** Collects bound parameters and hands out their `$n` placeholders. */
export class Params {
  readonly values: SqlValue[] = [];

  /** Binds a value; returns its placeholder. */
  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The WHERE clause (without date bounds) for a query's id, type, version and spec_version filters. */
export function pgObjectFilter(collectionKey: number, query: Omit<ObjectQuery, 'limit' | 'next' | 'addedAfter' | 'collection'>, params: Params): string {
  const clauses = [`collection = ${params.add(collectionKey)}`];
  addAny(clauses, params, 'id', query.ids);
  addAny(clauses, params, 'type', query.types);
  addAny(clauses, params, 'spec_version', query.specVersions);
  const version = pgVersionFilter(query.versions, params);
  if (version) clauses.push(version);
  return clauses.join(' AND ');
}

/** The version condition: `match[version]` values are a union; absent means `last` (TAXII 2.1 §3.4.1). */
function pgVersionFilter(match: VersionMatch | undefined, params: Params): string | undefined {
  if (!match) return 'is_latest';
  if (match.all) return undefined;
  const parts: string[] = [];
  if (match.last) parts.push('is_latest');
  if (match.first) parts.push('is_first');
  if (match.at.length > 0) parts.push(`version_key = ANY(${params.add(match.at.map(versionKey))}::text[])`);
  return parts.length === 0 ? 'false' : parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

function addAny(clauses: string[], params: Params, column: string, values: readonly string[] | undefined): void {
  if (!values || values.length === 0) return;
  clauses.push(values.length === 1 ? `${column} = ${params.add(values[0]!)}` : `${column} = ANY(${params.add(values)}::text[])`);
}
