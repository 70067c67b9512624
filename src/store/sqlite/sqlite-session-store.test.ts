import { describe, expect, it } from 'vitest';
import { openSqliteDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { SqliteSessionStore, sessionMigrations } from './sqlite-session-store.ts';

function open() {
  const db = openSqliteDatabase(':memory:');
  migrate(db, [sessionMigrations]);
  return { db, sessions: new SqliteSessionStore(db) };
}

describe('SqliteSessionStore', () => {
  it('stores only the SHA-256 of a token and finds the session by the token', async () => {
    const { db, sessions } = open();
    const issued = await sessions.issue('officer', 'duty-officer', 60_000, new Date('2026-11-23T10:00:00Z'));
    const rows = db.prepare('SELECT token_hash FROM api_sessions').all() as { token_hash: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toContain(issued.token);
    expect(await sessions.find(issued.token, new Date('2026-11-23T10:00:30Z'))).toMatchObject({ username: 'officer', role: 'duty-officer' });
    expect(await sessions.find(`${issued.token}x`, new Date('2026-11-23T10:00:30Z'))).toBeUndefined();
  });

  it('expires sessions, revokes one token or all of an operator, and purges expired rows', async () => {
    const { sessions } = open();
    const t0 = new Date('2026-11-23T10:00:00Z');
    const one = await sessions.issue('officer', 'duty-officer', 60_000, t0);
    const two = await sessions.issue('officer', 'duty-officer', 120_000, t0);
    const other = await sessions.issue('admin', 'administrator', 120_000, t0);
    expect(await sessions.find(one.token, new Date('2026-11-23T10:01:00Z'))).toBeUndefined();
    expect(await sessions.purgeExpired(new Date('2026-11-23T10:01:00Z'))).toBe(1);
    expect(await sessions.revoke(other.token)).toBe(true);
    expect(await sessions.revoke(other.token)).toBe(false);
    expect(await sessions.revokeOperator('officer')).toBe(1);
    expect(await sessions.find(two.token, t0)).toBeUndefined();
  });
});
