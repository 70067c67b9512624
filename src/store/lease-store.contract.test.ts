import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../../test/support/postgres-database.ts';
import { leaseStoreContract, type LeaseBackend } from './lease-store.contract.ts';
import { openPostgresStore, type PostgresStore } from './postgres/postgres-store.ts';
import { ConnectionGate } from './sqlite/connection-gate.ts';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite/database.ts';
import { migrate } from './sqlite/migrate.ts';
import { leaseMigrations, SqliteLeaseStore } from './sqlite/sqlite-lease-store.ts';

const sqlite: LeaseBackend = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'parley-leases-'));
    const dbs: SqliteDatabase[] = [];
    return {
      async connect() {
        const db = openSqliteDatabase(join(dir, 'parley.db'));
        dbs.push(db);
        migrate(db, [leaseMigrations]);
        return new SqliteLeaseStore(db, new ConnectionGate(db));
      },
      async dispose() {
        for (const db of dbs) db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: LeaseBackend = {
  name: 'postgres',
  async open() {
    const database = await createTestDatabase();
    const stores: PostgresStore[] = [];
    return {
      async connect() {
        const store = await openPostgresStore(database.url, { maxConnections: 2 });
        stores.push(store);
        return store.leases;
      },
      async dispose() {
        await Promise.all(stores.map((s) => s.close()));
        await database.drop();
      },
    };
  },
};

for (const backend of [sqlite, postgres]) leaseStoreContract(backend);
