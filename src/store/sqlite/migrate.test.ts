import { describe, expect, it } from 'vitest';
import { openSqliteDatabase } from './database.ts';
import { migrate } from './migrate.ts';

describe('migrate', () => {
  it('applies each module step once and only the new ones later', () => {
    const db = openSqliteDatabase(':memory:');
    migrate(db, [{ module: 'a', steps: ['CREATE TABLE t (x INTEGER)'] }]);
    migrate(db, [{ module: 'a', steps: ['CREATE TABLE t (x INTEGER)', 'ALTER TABLE t ADD COLUMN y TEXT'] }]);
    const cols = db.prepare('SELECT name FROM pragma_table_info(\'t\')').all();
    expect(cols).toEqual([{ name: 'x' }, { name: 'y' }]);
    const versions = db.prepare('SELECT module, version FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual([{ module: 'a', version: 1 }, { module: 'a', version: 2 }]);
  });
  it('rolls back a failing step and records nothing for it', () => {
    const db = openSqliteDatabase(':memory:');
    expect(() => migrate(db, [{ module: 'b', steps: ['CREATE TABLE u (x INTEGER)', 'NOT SQL'] }])).toThrow();
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
  });
});
