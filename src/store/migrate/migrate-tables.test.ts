import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteNodeStore } from '../../node/sqlite-node-store.ts';
import { createTestDatabase } from '../../../test/support/postgres-database.ts';
import { openPostgresStore } from '../postgres/postgres-store.ts';
import { convertValue, type TargetColumn } from './convert-value.ts';
import { isSqliteInternal, NOT_COPIED, TABLE_PLANS } from './migrate-tables.ts';

describe('the tables parley migrate copies', () => {
  it('are exactly the tables a SQLite node store has (a new table must get a plan)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-migrate-tables-'));
    try {
      await openSqliteNodeStore(dir).close();
      const db = new Database(join(dir, 'parley.db'), { readonly: true });
      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
      db.close();
      const copied = tables.filter((t) => !isSqliteInternal(t) && !NOT_COPIED.includes(t)).sort();
      expect(copied).toEqual(TABLE_PLANS.map((p) => p.table).sort());
      expect(tables).toEqual(expect.arrayContaining([...NOT_COPIED]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('have the same columns on PostgreSQL (bar PostgreSQL-only identity columns)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-migrate-columns-'));
    const database = await createTestDatabase();
    const pgStore = await openPostgresStore(database.url, { maxConnections: 1 });
    try {
      await openSqliteNodeStore(dir).close();
      const db = new Database(join(dir, 'parley.db'), { readonly: true });
      for (const plan of TABLE_PLANS) {
        const sqlite = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${plan.table}')`).all().map((r) => r.name).sort();
        const pgColumns = (await pgStore.postgres.rows<{ name: string }>(
          'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [plan.table]))
          .map((r) => r.name).filter((n) => !(plan.targetOnly ?? []).includes(n)).sort();
        expect(pgColumns, plan.table).toEqual(sqlite);
      }
      db.close();
    } finally {
      await pgStore.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('convertValue', () => {
  const column = (type: string, nullable = false): TargetColumn => ({ name: 'c', type, nullable, identity: false });

  it('converts exactly', () => {
    expect(convertValue('t', 1, column('boolean'), 0)).toBe(false);
    expect(convertValue('t', 1, column('boolean'), 1)).toBe(true);
    const bytes = Buffer.from([0, 255, 7]);
    expect(convertValue('t', 1, column('bytea'), bytes)).toBe(bytes);
    expect(convertValue('t', 1, column('bigint'), 1_767_225_600_000_000)).toBe(1_767_225_600_000_000);
    expect(convertValue('t', 1, column('text'), '2026-01-01T00:00:00.000Z')).toBe('2026-01-01T00:00:00.000Z');
    expect(convertValue('t', 1, column('text', true), null)).toBeNull();
  });

  it('refuses what it cannot carry over exactly, naming table, row and column', () => {
    expect(() => convertValue('taxii_objects', 3, column('boolean'), 2)).toThrow('cannot migrate taxii_objects row 3: column c holds 2 where PostgreSQL keeps boolean');
    expect(() => convertValue('ledger_entries', 1, column('bytea'), 'text')).toThrow('column c holds TEXT where PostgreSQL keeps bytea');
    expect(() => convertValue('t', 1, column('integer'), 1.5)).toThrow('holds 1.5 where PostgreSQL keeps integer');
    expect(() => convertValue('t', 1, column('text'), null)).toThrow('holds null where PostgreSQL keeps text');
    expect(() => convertValue('t', 1, column('text'), Buffer.from('x'))).toThrow('holds a 1-byte BLOB where PostgreSQL keeps text');
    expect(() => convertValue('t', 1, column('jsonb'), '{}')).toThrow('column c has PostgreSQL type jsonb, which parley migrate does not know');
  });
});
