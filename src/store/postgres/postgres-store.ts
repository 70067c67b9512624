import { randomBytes } from 'node:crypto';
import { ParleyError } from '../../errors.ts';
import type { HotlineStore, HotlineStoreOptions } from '../hotline-store.ts';
import type { NodeRecordStore } from '../node-record-store.ts';
import type { LogStore } from '../log-store.ts';
import type { OutboxStore } from '../outbox-store.ts';
import type { PullCursorStore } from '../pull-cursor-store.ts';
import type { SessionStore } from '../session-store.ts';
import { DEFAULT_API_ROOT } from '../sqlite/sqlite-store.ts';
import type { Store } from '../store.ts';
import type { ThreadPendingStore } from '../thread-pending-store.ts';
import { PgAccountStore } from './pg-account-store.ts';
import { PgCollectionStore } from './pg-collection-store.ts';
import { PgExecutor } from './pg-executor.ts';
import { PgHotlineStore } from './pg-hotline-store.ts';
import { PgLogStore } from './pg-log-store.ts';
import { migratePostgres } from './pg-migrate.ts';
import { pgHotlineMigrations, pgLogMigrations, pgOutboxMigrations, pgSessionMigrations } from './pg-module-migrations.ts';
import { PgNodeRecords, pgNodeMigrations } from './pg-node-records.ts';
import { PgObjectStore } from './pg-object-store.ts';
import { PgOutboxStore } from './pg-outbox-store.ts';
import { PgPullCursorStore } from './pg-pull-cursor-store.ts';
import { PgSessionStore } from './pg-session-store.ts';
import { PgStatusStore } from './pg-status-store.ts';
import { pgTaxiiMigrations } from './pg-taxii-migrations.ts';
import { PgThreadPendingStore } from './pg-thread-pending-store.ts';
import type { PartyLinkStore } from '../party-link-store.ts';
import { PgPartyLinkStore, pgPartyLinkMigrations } from './pg-party-link-store.ts';
import type { LeaseStore } from '../lease-store.ts';
import { PostgresLeaseStore, pgLeaseMigrations } from './postgres-lease-store.ts';

/** Every module's migrations on PostgreSQL, in the order they are applied. */
export const POSTGRES_MIGRATIONS = Object.freeze([pgTaxiiMigrations, pgLogMigrations, pgHotlineMigrations, pgNodeMigrations, pgOutboxMigrations, pgSessionMigrations, pgPartyLinkMigrations, pgLeaseMigrations]);

/** The PostgreSQL store: the TAXII `Store` plus the node's other stores, all on one pool and one transaction context. */
export interface PostgresStore extends Store {
  readonly postgres: PgExecutor;
  readonly hotline: HotlineStore;
  readonly log: LogStore;
  readonly records: NodeRecordStore;
  readonly outbox: OutboxStore;
  readonly sessions: SessionStore;
  readonly pullCursors: PullCursorStore;
  readonly threadPending: ThreadPendingStore;
  readonly links: PartyLinkStore;
  readonly leases: LeaseStore;
}

/** Options of `openPostgresStore`. */
export interface PostgresStoreOptions extends HotlineStoreOptions {
  /** Most connections this instance opens (default 10). */
  maxConnections?: number;
}

/**
 * Connects to `url` (postgres://user:pass@host:port/db), applies every module's migrations under an advisory lock
 * and seeds the node secret and default API root once; any number of instances may open the same database.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const db = new PgExecutor(url, { max: options.maxConnections });
  try {
    await migratePostgres(db, POSTGRES_MIGRATIONS);
    await db.transaction(async () => {
      await db.run("INSERT INTO taxii_node (key, value) VALUES ('cursor_secret', $1) ON CONFLICT DO NOTHING", [randomBytes(32)]);
      await db.run('LOCK TABLE taxii_api_roots IN SHARE ROW EXCLUSIVE MODE');
      if (!(await db.row('SELECT 1 FROM taxii_api_roots'))) {
        await db.run('INSERT INTO taxii_api_roots (name, title, max_content_length, is_default) VALUES ($1, $2, $3, true)',
          [DEFAULT_API_ROOT.name, DEFAULT_API_ROOT.title, DEFAULT_API_ROOT.maxContentLength]);
      }
    });
    const secret = (await db.row<{ value: Buffer }>("SELECT value FROM taxii_node WHERE key = 'cursor_secret'"))!.value;
    return Object.freeze({
      postgres: db,
      collections: new PgCollectionStore(db),
      objects: new PgObjectStore(db, secret),
      accounts: new PgAccountStore(db),
      statuses: new PgStatusStore(db),
      hotline: new PgHotlineStore(db, { passwordCost: options.passwordCost }),
      log: new PgLogStore(db),
      records: new PgNodeRecords(db),
      outbox: new PgOutboxStore(db),
      sessions: new PgSessionStore(db),
      pullCursors: new PgPullCursorStore(db),
      threadPending: new PgThreadPendingStore(db),
      links: new PgPartyLinkStore(db),
      leases: new PostgresLeaseStore(db),
      transaction: <T>(fn: () => Promise<T>) => db.transaction(fn),
      close: () => db.close(),
    });
  } catch (error) {
    await db.close().catch(() => {});
    if (error instanceof ParleyError) throw error;
    // The URL may carry a password: name the server without it.
    const where = new URL(url);
    throw new ParleyError('UNAVAILABLE', `cannot open the PostgreSQL store at ${where.hostname}:${where.port || 5432}${where.pathname}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}
