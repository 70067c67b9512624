import type { AccountStore } from './account-store.ts';
import type { CollectionStore } from './collection-store.ts';
import type { ObjectStore } from './object-store.ts';
import type { StatusStore } from './status-store.ts';

/**
 * Parley's storage, assembled from one sub-store per concern. Every method is async so that a PostgreSQL
 * backend can follow without touching callers.
 */
export interface Store {
  readonly collections: CollectionStore;
  readonly objects: ObjectStore;
  readonly accounts: AccountStore;
  readonly statuses: StatusStore;
  /**
   * Runs `fn` in one write transaction. Sub-store calls made inside `fn` (awaited) join it; calls from other async
   * work wait until it ends, so nothing else interleaves on the connection. Rolls back if `fn` rejects.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
