import { ParleyError } from '../errors.ts';
import type { VersionMatch } from '../store/object-store.ts';
import { parseMicros, versionKey } from '../store/timestamp.ts';
import { MAX_PAGE_SIZE } from './media-types.ts';

/** The filters a TAXII list request carries, parsed and checked. */
export interface RequestFilters {
  addedAfter?: number;
  limit: number;
  next?: string;
  ids?: string[];
  types?: string[];
  versions?: VersionMatch;
  specVersions?: string[];
}

/** The query parameters each endpoint understands (TAXII 2.1 §3.4). */
export type FilterName = 'added_after' | 'limit' | 'next' | 'match[id]' | 'match[type]' | 'match[version]' | 'match[spec_version]';

const STIX_ID = /^[a-z][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STIX_TYPE = /^[a-z0-9][a-z0-9-]{0,249}$/;
const SPEC_VERSION = /^\d+\.\d+$/;

/** Parses a URL's query string; unknown parameters and malformed values are INVALID_FILTER (400). */
export function parseFilters(url: URL, allowed: readonly FilterName[]): RequestFilters {
  const filters: RequestFilters = { limit: MAX_PAGE_SIZE };
  for (const name of new Set(url.searchParams.keys())) {
    if (!(allowed as readonly string[]).includes(name)) throw new ParleyError('INVALID_FILTER', `unsupported filter ${name}`);
    const all = url.searchParams.getAll(name);
    if (all.length > 1) throw new ParleyError('INVALID_FILTER', `${name} given more than once; use a comma list`);
    apply(filters, name as FilterName, all[0]!);
  }
  return filters;
}

function apply(filters: RequestFilters, name: FilterName, value: string): void {
  switch (name) {
    case 'added_after':
      filters.addedAfter = parseMicros(value);
      return;
    case 'limit':
      if (!/^[1-9]\d{0,8}$/.test(value)) throw new ParleyError('INVALID_FILTER', 'limit must be a positive integer');
      filters.limit = Math.min(Number(value), MAX_PAGE_SIZE);
      return;
    case 'next':
      if (value === '') throw new ParleyError('INVALID_FILTER', 'next must not be empty');
      filters.next = value;
      return;
    case 'match[id]':
      filters.ids = list(name, value, STIX_ID);
      return;
    case 'match[type]':
      filters.types = list(name, value, STIX_TYPE);
      return;
    case 'match[spec_version]':
      filters.specVersions = list(name, value, SPEC_VERSION);
      return;
    case 'match[version]':
      filters.versions = versionMatch(value);
      return;
  }
}

function list(name: string, value: string, shape: RegExp): string[] {
  const values = value.split(',');
  for (const v of values) if (!shape.test(v)) throw new ParleyError('INVALID_FILTER', `${name}: "${v}" is not valid`);
  return [...new Set(values)];
}

function versionMatch(value: string): VersionMatch {
  const match = { last: false, first: false, all: false, at: [] as string[] };
  for (const v of value.split(',')) {
    if (v === 'last' || v === 'first' || v === 'all') match[v] = true;
    else {
      versionKey(v);
      match.at.push(v);
    }
  }
  return match;
}
