import type { PreparedObject } from './prepared-object.ts';

/** One stored version of a STIX object in a collection. */
export interface ObjectVersion {
  id: string;
  type: string;
  /** The version as TAXII reports it: `modified`, else `created`, else the rendered date_added. */
  version: string;
  /** TAXII date_added in integer microseconds since the epoch; strictly increasing per collection. */
  dateAdded: number;
  specVersion: string;
  mediaType: string;
  /** The object's JSON text exactly as stored. */
  json: string;
}

/** Which versions of each object a query returns (TAXII 2.1 §3.4.1 `match[version]`, comma list = union). */
export interface VersionMatch {
  last: boolean;
  first: boolean;
  all: boolean;
  /** Version timestamps, as given by the client (compared as instants). */
  at: readonly string[];
}

/** The filters of an objects, manifest or versions request; all optional lists are unions (OR) within a filter. */
export interface ObjectQuery {
  collection: string;
  addedAfter?: number;
  ids?: readonly string[];
  types?: readonly string[];
  versions?: VersionMatch;
  specVersions?: readonly string[];
  limit: number;
  /** The opaque `next` cursor of the previous page, if any. */
  next?: string;
}

/** One page of results in date_added order. */
export interface ObjectPage {
  objects: ObjectVersion[];
  more: boolean;
  next?: string;
}

/**
 * One page as the objects endpoint sends it: the stored JSON texts already joined, and the page's date_added bounds
 * (the endpoint needs nothing else, and building 1,000 ObjectVersion records cost the SQLite store half a page's time).
 */
export interface ObjectTextPage {
  /** The objects' JSON texts exactly as stored, in date_added order, separated by commas ('' when the page is empty). */
  json: string;
  count: number;
  /** date_added of the first and last object (absent when the page is empty). */
  firstAdded?: number;
  lastAdded?: number;
  more: boolean;
  next?: string;
}

/** What happened to one object of a write. */
export interface PutOutcome {
  id: string;
  version: string;
  /** False when this exact version (id + version) was already stored: nothing new was written. */
  added: boolean;
  dateAdded: number;
}

/** How a put made inside a caller's transaction (Store.transaction) is undone if it fails. */
export interface PutOptions {
  /**
   * `put` (the default): only the put is undone (a savepoint) and the caller's transaction may go on.
   * `transaction`: the caller's whole transaction is undone. No savepoint is kept for the put alone (cheaper on
   * SQLite, which journals every page the put touches for one), and after a failed put the transaction can only roll
   * back: it rejects with the put's error even if the caller catches it. A backend may keep the savepoint anyway.
   */
  readonly undo?: 'put' | 'transaction';
}

/** A STIX object accepted for storage: at least a type and id; validation happens before the store. */
export type StixObject = Readonly<Record<string, unknown>> & { readonly id: string; readonly type: string };

/** Object versions per collection, with TAXII date_added ordering, version flags and stateless paging. */
export interface ObjectStore {
  /** Stores the objects in one transaction; committed when the promise resolves. */
  put(collection: string, objects: readonly StixObject[]): Promise<PutOutcome[]>;
  /** Like put, for objects already prepared (validated and serialised, e.g. by a worker thread). */
  putPrepared(collection: string, objects: readonly PreparedObject[], options?: PutOptions): Promise<PutOutcome[]>;
  /** One page of versions matching the query, in date_added order. */
  query(query: ObjectQuery): Promise<ObjectPage>;
  /** The same page as query, as joined JSON text: what `GET …/objects/` sends. */
  queryText(query: ObjectQuery): Promise<ObjectTextPage>;
  /** Deletes the matching versions of one object; returns how many were deleted. */
  delete(collection: string, id: string, versions?: VersionMatch, specVersions?: readonly string[]): Promise<number>;
  /** Counts every stored version in a collection. */
  count(collection: string): Promise<number>;
}
