import { migrate } from '../store/sqlite/migrate.ts';
import { SqliteHotlineStore, hotlineMigrations } from '../store/sqlite/sqlite-hotline-store.ts';
import { SqliteLeaseStore, leaseMigrations } from '../store/sqlite/sqlite-lease-store.ts';
import { SqliteLogStore, logMigrations } from '../store/sqlite/sqlite-log-store.ts';
import { SqliteNodeRecords, nodeMigrations } from '../store/sqlite/sqlite-node-records.ts';
import { SqliteOutboxStore, outboxMigrations } from '../store/sqlite/sqlite-outbox-store.ts';
import { SqlitePartyLinkStore, partyLinkMigrations } from '../store/sqlite/sqlite-party-link-store.ts';
import { SqlitePullCursorStore } from '../store/sqlite/sqlite-pull-cursor-store.ts';
import { SqliteSessionStore, sessionMigrations } from '../store/sqlite/sqlite-session-store.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { SqliteThreadPendingStore } from '../store/sqlite/sqlite-thread-pending-store.ts';
import { nodeDeliveries } from './node-deliveries.ts';
import type { NodeStore } from './node-store.ts';
import { sealedCredentials } from './sealed-credentials.ts';

/**
 * Opens the node store in `DATA/parley.db` with every module's migrations applied (no party needed). Counterpart
 * passwords are sealed with the key in `KEYS/keys/credentials.key`, where KEYS is `options.keysDir` (default: DATA).
 */
export function openSqliteNodeStore(dataDir: string, options: { passwordCost?: number; backgroundCheckpoints?: boolean; keysDir?: string } = {}): NodeStore {
  const base = openSqliteStore(dataDir, { backgroundCheckpoints: options.backgroundCheckpoints ?? false });
  const db = base.sqlite;
  migrate(db, [logMigrations, hotlineMigrations, nodeMigrations, outboxMigrations, sessionMigrations, partyLinkMigrations, leaseMigrations]);
  const deliveries = new SqliteOutboxStore(db);
  return Object.freeze({
    collections: base.collections,
    objects: base.objects,
    accounts: base.accounts,
    statuses: base.statuses,
    transaction: base.transaction,
    close: base.close,
    hotline: new SqliteHotlineStore(db, options.passwordCost === undefined ? {} : { passwordCost: options.passwordCost }),
    log: new SqliteLogStore(db),
    records: sealedCredentials(new SqliteNodeRecords(db), options.keysDir ?? dataDir),
    outbox: nodeDeliveries(deliveries),
    deliveries,
    pending: new SqliteThreadPendingStore(db),
    sessions: new SqliteSessionStore(db),
    links: new SqlitePartyLinkStore(db),
    pullCursors: new SqlitePullCursorStore(db),
    leases: new SqliteLeaseStore(db, base.gate),
  });
}
