import { randomBytes } from 'node:crypto';
import type { OperatorRole } from '../hotline-store.ts';
import type { IssuedSession, OperatorSession, SessionStore } from '../session-store.ts';
import type { SqliteDatabase } from './database.ts';
import type { MigrationSet } from './migrate.ts';
import { hashToken } from './password-hash.ts';

/** The `api` module's schema steps for `migrate`: operator sessions keyed by the token's SHA-256. */
export const sessionMigrations: MigrationSet = Object.freeze({
  module: 'api',
  steps: Object.freeze([
    `CREATE TABLE api_sessions (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, role TEXT NOT NULL,
       created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
     CREATE INDEX api_sessions_username ON api_sessions (username);
     CREATE INDEX api_sessions_expiry ON api_sessions (expires_at);`,
  ]),
});

interface SessionRow {
  username: string;
  role: OperatorRole;
  created_at: string;
  expires_at: string;
}

/** Operator sessions on SQLite; the caller runs `sessionMigrations` first. */
export class SqliteSessionStore implements SessionStore {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  async issue(username: string, role: OperatorRole, ttlMs: number, now = new Date()): Promise<IssuedSession> {
    // 32 random bytes: guessing is hopeless, so a plain SHA-256 (no salt, no stretching) is enough to store it.
    const token = randomBytes(32).toString('base64url');
    const createdAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    this.#db.prepare('INSERT INTO api_sessions (token_hash, username, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(hashToken(token), username, role, createdAt, expiresAt);
    return { token, username, role, createdAt, expiresAt };
  }

  async find(token: string, now = new Date()): Promise<OperatorSession | undefined> {
    const row = this.#db.prepare<[string, string], SessionRow>(
      'SELECT username, role, created_at, expires_at FROM api_sessions WHERE token_hash = ? AND expires_at > ?',
    ).get(hashToken(token), now.toISOString());
    return row && { username: row.username, role: row.role, createdAt: row.created_at, expiresAt: row.expires_at };
  }

  async revoke(token: string): Promise<boolean> {
    return this.#db.prepare('DELETE FROM api_sessions WHERE token_hash = ?').run(hashToken(token)).changes > 0;
  }

  async revokeOperator(username: string): Promise<number> {
    return this.#db.prepare('DELETE FROM api_sessions WHERE username = ?').run(username).changes;
  }

  async purgeExpired(now = new Date()): Promise<number> {
    return this.#db.prepare('DELETE FROM api_sessions WHERE expires_at <= ?').run(now.toISOString()).changes;
  }
}
