import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { leaseStoreContract, type LeaseBackend } from './lease-store.contract.ts';
import { PostgresLeaseStore } from './postgres/postgres-lease-store.ts';
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

// PostgreSQL joins when a server is given (PARLEY_TEST_POSTGRES_URL); the PostgreSQL backend's test setup starts one.
const postgresUrl = process.env.PARLEY_TEST_POSTGRES_URL;
const postgres: LeaseBackend = {
  name: 'postgres',
  async open() {
    const admin = new pg.Pool({ connectionString: postgresUrl, max: 1 });
    const schema = `leases_test_${process.pid}_${Date.now()}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const pools: pg.Pool[] = [];
    return {
      async connect() {
        const pool = new pg.Pool({ connectionString: postgresUrl, max: 2, options: `-c search_path=${schema}` });
        pools.push(pool);
        const leases = new PostgresLeaseStore(pool);
        await leases.migrate();
        return leases;
      },
      async dispose() {
        await Promise.all(pools.map((p) => p.end()));
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    };
  },
};

for (const backend of postgresUrl ? [sqlite, postgres] : [sqlite]) leaseStoreContract(backend);
