import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/postgres-database.ts';
import { hotlineMigrations } from '../sqlite/hotline-migrations.ts';
import { outboxMigrations } from '../sqlite/outbox-migrations.ts';
import { logMigrations } from '../sqlite/sqlite-log-store.ts';
import { nodeMigrations } from '../sqlite/node-migrations.ts';
import { partyLinkMigrations } from '../sqlite/party-link-migrations.ts';
import { leaseMigrations } from '../sqlite/sqlite-lease-store.ts';
import { sessionMigrations } from '../sqlite/sqlite-session-store.ts';
import { taxiiMigrations } from '../sqlite/taxii-migrations.ts';
import { PgExecutor } from './pg-executor.ts';
import { migratePostgres, schemaVersions } from './pg-migrate.ts';
import { openPostgresStore, POSTGRES_MIGRATIONS } from './postgres-store.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('PostgreSQL migrations', () => {
  it('have the same modules and versions as SQLite (mirror every new SQLite step here)', () => {
    const sqlite = [taxiiMigrations, logMigrations, hotlineMigrations, nodeMigrations, outboxMigrations, sessionMigrations, partyLinkMigrations, leaseMigrations];
    expect(POSTGRES_MIGRATIONS.map((s) => [s.module, s.steps.length])).toEqual(sqlite.map((s) => [s.module, s.steps.length]));
  });

  it('apply each step once when several instances start at once on an empty database', async () => {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(database.url, { maxConnections: 2 })));
    cleanups.push(...stores.map((s) => () => s.close()));
    const db = stores[0]!.postgres;
    const versions = await schemaVersions(db);
    expect(Object.fromEntries(versions)).toEqual(Object.fromEntries(POSTGRES_MIGRATIONS.map((s) => [s.module, s.steps.length])));
    const applied = await db.rows<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
    expect(applied[0]!.n).toBe(POSTGRES_MIGRATIONS.reduce((n, s) => n + s.steps.length, 0));
    expect(await stores[1]!.collections.apiRoots()).toHaveLength(1);
    // Every instance sees the one node secret: a cursor issued by one is accepted by another.
    const { id } = await stores[0]!.collections.addCollection({ title: 'c' });
    await stores[0]!.objects.put(id, [1, 2].map((n) => ({ type: 'ipv4-addr', id: `ipv4-addr--00000000-0000-4000-8000-00000000000${n}`, value: `10.0.0.${n}` })));
    const page = await stores[2]!.objects.query({ collection: id, limit: 1 });
    expect((await stores[3]!.objects.query({ collection: id, limit: 1, next: page.next })).objects).toHaveLength(1);
  });

  it('rolls a failing step back whole and records nothing for it', async () => {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const db = new PgExecutor(database.url, { max: 1 });
    cleanups.push(() => db.close());
    const broken = { module: 'broken', steps: ['CREATE TABLE good_one (x INTEGER)', 'CREATE TABLE bad ('] };
    await expect(migratePostgres(db, [broken])).rejects.toThrow(/syntax/);
    expect((await db.rows("SELECT 1 FROM information_schema.tables WHERE table_name = 'good_one'")).length).toBe(0);
    await migratePostgres(db, [{ module: 'broken', steps: ['CREATE TABLE good_one (x INTEGER)'] }]);
    expect(Object.fromEntries(await schemaVersions(db))).toEqual({ broken: 1 });
  });
});
