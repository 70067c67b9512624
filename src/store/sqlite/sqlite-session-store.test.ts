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
  // Expiry and revocation are tested over every backend in src/store/federation-stores.contract.test.ts.
});
