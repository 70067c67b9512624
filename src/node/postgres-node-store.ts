import { openPostgresStore, type PostgresStoreOptions } from '../store/postgres/postgres-store.ts';
import { nodeDeliveries } from './node-deliveries.ts';
import type { NodeStore } from './node-store.ts';

/** Opens a node store on PostgreSQL (postgres://…) with every module's migrations applied (no party needed). */
export async function openPostgresNodeStore(url: string, options: PostgresStoreOptions = {}): Promise<NodeStore> {
  const store = await openPostgresStore(url, options);
  return Object.freeze({
    collections: store.collections,
    objects: store.objects,
    accounts: store.accounts,
    statuses: store.statuses,
    transaction: store.transaction,
    close: store.close,
    hotline: store.hotline,
    log: store.log,
    records: store.records,
    outbox: nodeDeliveries(store.outbox),
    deliveries: store.outbox,
    pending: store.threadPending,
    sessions: store.sessions,
    links: store.links,
    pullCursors: store.pullCursors,
    leases: store.leases,
  });
}
