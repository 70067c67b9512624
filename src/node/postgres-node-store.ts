import { openPostgresStore, type PostgresStoreOptions } from '../store/postgres/postgres-store.ts';
import { nodeDeliveries } from './node-deliveries.ts';
import type { NodeStore } from './node-store.ts';
import { sealedCredentials } from './sealed-credentials.ts';

/** Options of openPostgresNodeStore: the pool and scrypt cost, and the data directory whose keys seal passwords. */
export interface PostgresNodeStoreOptions extends PostgresStoreOptions {
  /**
   * The node's data directory: counterpart passwords are sealed with `DATA/keys/credentials.key`, as on SQLite.
   * Without it the records are stored as given (sealed values pass through unchanged; plain ones stay plain).
   */
  dataDir?: string;
}

/** Opens a node store on PostgreSQL (postgres://…) with every module's migrations applied (no party needed). */
export async function openPostgresNodeStore(url: string, options: PostgresNodeStoreOptions = {}): Promise<NodeStore> {
  const { dataDir, ...storeOptions } = options;
  const store = await openPostgresStore(url, storeOptions);
  return Object.freeze({
    collections: store.collections,
    objects: store.objects,
    accounts: store.accounts,
    statuses: store.statuses,
    transaction: store.transaction,
    close: store.close,
    hotline: store.hotline,
    log: store.log,
    records: dataDir === undefined ? store.records : sealedCredentials(store.records, dataDir),
    outbox: nodeDeliveries(store.outbox),
    deliveries: store.outbox,
    pending: store.threadPending,
    sessions: store.sessions,
    links: store.links,
    pullCursors: store.pullCursors,
    leases: store.leases,
  });
}
