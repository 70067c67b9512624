import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.ts';
import { openSqliteDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import { SqliteNodeRecords, nodeMigrations } from '../store/sqlite/sqlite-node-records.ts';
import { sealedCredentials } from './sealed-credentials.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'parley-sealed-'));
  dirs.push(dir);
  const db = openSqliteDatabase(join(dir, 'parley.db'));
  migrate(db, [nodeMigrations]);
  const plain = new SqliteNodeRecords(db);
  return { dir, db, plain, sealed: sealedCredentials(plain, dir) };
}

const rawPassword = (db: ReturnType<typeof openSqliteDatabase>, partyId: string) =>
  db.prepare<[string], { password: string }>('SELECT password FROM node_credentials WHERE party_id = ?').get(partyId)!.password;

describe('sealed counterpart credentials', () => {
  it('stores the password sealed, gives it back, and keeps the key file private', async () => {
    const { dir, db, sealed } = setup();
    await sealed.putCredentials({ partyId: 'identity--a', username: 'node-x', password: 'the counterpart secret' });
    expect(rawPassword(db, 'identity--a')).toMatch(/^sealed:v1:[A-Za-z0-9+/=]+$/);
    expect(rawPassword(db, 'identity--a')).not.toContain('secret');
    expect(await sealed.getCredentials('identity--a')).toEqual({ partyId: 'identity--a', username: 'node-x', password: 'the counterpart secret' });
    expect(statSync(join(dir, 'keys', 'credentials.key')).mode & 0o777).toBe(0o600);
    expect(await sealed.getCredentials('identity--none')).toBeUndefined();
  });

  it('reads a password stored in clear by an earlier version, and seals it when written again', async () => {
    const { db, plain, sealed } = setup();
    await plain.putCredentials({ partyId: 'identity--b', username: 'u', password: 'legacy clear' });
    expect((await sealed.getCredentials('identity--b'))?.password).toBe('legacy clear');
    await sealed.putCredentials({ partyId: 'identity--b', username: 'u', password: 'legacy clear' });
    expect(rawPassword(db, 'identity--b')).toMatch(/^sealed:v1:/);
  });

  it('refuses a sealed value moved to another party\'s row', async () => {
    const { db, sealed } = setup();
    await sealed.putCredentials({ partyId: 'identity--c', username: 'u', password: 'p1' });
    await sealed.putCredentials({ partyId: 'identity--d', username: 'u', password: 'p2' });
    db.prepare('UPDATE node_credentials SET password = ? WHERE party_id = ?').run(rawPassword(db, 'identity--c'), 'identity--d');
    const error = await sealed.getCredentials('identity--d').catch((e: unknown) => e);
    expect(isParleyError(error, 'INTERNAL')).toBe(true);
    expect((error as Error).message).toMatch(/do not open with keys\/credentials\.key/);
  });
});
