import type { ObjectQuery, VersionMatch } from '../object-store.ts';
import { versionKey } from '../timestamp.ts';

/** A WHERE clause fragment with its bound parameters. */
export interface SqlFilter {
  sql: string;
  params: (string | number)[];
}

/** The WHERE clause (without date bounds) for a query's id, type, version and spec_version filters. */
export function objectFilterSql(collectionKey: number, query: Omit<ObjectQuery, 'limit' | 'next' | 'addedAfter' | 'collection'>): SqlFilter {
  const clauses = ['collection = ?'];
  const params: (string | number)[] = [collectionKey];
  addIn(clauses, params, 'id', query.ids);
  addIn(clauses, params, 'type', query.types);
  addIn(clauses, params, 'spec_version', query.specVersions);
  const version = versionSql(query.versions);
  if (version) {
    clauses.push(version.sql);
    params.push(...version.params);
  }
  return { sql: clauses.join(' AND '), params };
}

/** The version condition: `match[version]` values are a union; absent means `last` (TAXII 2.1 §3.4.1). */
export function versionSql(match: VersionMatch | undefined): SqlFilter | undefined {
  if (!match) return { sql: 'is_latest = 1', params: [] };
  if (match.all) return undefined;
  const parts: string[] = [];
  const params: string[] = [];
  if (match.last) parts.push('is_latest = 1');
  if (match.first) parts.push('is_first = 1');
  if (match.at.length > 0) {
    parts.push(`version_key IN (${match.at.map(() => '?').join(', ')})`);
    params.push(...match.at.map(versionKey));
  }
  return parts.length === 0 ? { sql: '0', params } : { sql: parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`, params };
}

function addIn(clauses: string[], params: (string | number)[], column: string, values: readonly string[] | undefined): void {
  if (!values || values.length === 0) return;
  clauses.push(values.length === 1 ? `${column} = ?` : `${column} IN (${values.map(() => '?').join(', ')})`);
  params.push(...values);
}
