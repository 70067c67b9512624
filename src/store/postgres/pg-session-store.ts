import { randomBytes } from 'node:crypto';
import type { OperatorRole } from '../hotline-store.ts';
import type { IssuedSession, OperatorSession, SessionStore } from '../session-store.ts';
import { hashToken } from '../sqlite/password-hash.ts';
import type { PgExecutor } from './pg-executor.ts';

interface SessionRow { username: string; role: OperatorRole; created_at: string; expires_at: string }

/** Operator sessions on PostgreSQL (`api_sessions`), stored only as the token's SHA-256. */
export class PgSessionStore implements SessionStore {
  constructor(private readonly db: PgExecutor) {}

  async issue(username: string, role: OperatorRole, ttlMs: number, now = new Date()): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url');
    const createdAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    await this.db.run('INSERT INTO api_sessions (token_hash, username, role, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [hashToken(token), username, role, createdAt, expiresAt]);
    return { token, username, role, createdAt, expiresAt };
  }

  async find(token: string, now = new Date()): Promise<OperatorSession | undefined> {
    const row = await this.db.row<SessionRow>('SELECT username, role, created_at, expires_at FROM api_sessions WHERE token_hash = $1 AND expires_at > $2',
      [hashToken(token), now.toISOString()]);
    return row && { username: row.username, role: row.role, createdAt: row.created_at, expiresAt: row.expires_at };
  }

  async revoke(token: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM api_sessions WHERE token_hash = $1', [hashToken(token)])) > 0;
  }

  revokeOperator(username: string): Promise<number> {
    return this.db.run('DELETE FROM api_sessions WHERE username = $1', [username]);
  }

  purgeExpired(now = new Date()): Promise<number> {
    return this.db.run('DELETE FROM api_sessions WHERE expires_at <= $1', [now.toISOString()]);
  }
}
