import { randomBytes } from 'node:crypto';
import { ParleyError } from '../../errors.ts';
import type { OperatorRole } from '../hotline-store.ts';
import type { OutboxEnvelope } from '../outbox-store.ts';
import type { PullCursorStore } from '../pull-cursor-store.ts';
import type { IssuedSession, OperatorSession, SessionStore } from '../session-store.ts';
import { hashToken } from '../sqlite/password-hash.ts';
import { instant } from '../sqlite/instant.ts';
import type { HeldEnvelope, ThreadPendingStore } from '../thread-pending-store.ts';
import type { PgExecutor } from './pg-executor.ts';

/** Pull cursors on PostgreSQL (`federation_pull_cursors`). */
export class PgPullCursorStore implements PullCursorStore {
  constructor(private readonly db: PgExecutor) {}

  async get(partyId: string): Promise<string | undefined> {
    return (await this.db.row<{ added_after: string }>('SELECT added_after FROM federation_pull_cursors WHERE party_id = $1', [partyId]))?.added_after;
  }

  // Kept verbatim: the server's timestamp format (e.g. microseconds) must round-trip exactly into added_after.
  async set(partyId: string, addedAfter: string, at: string): Promise<void> {
    if (Number.isNaN(Date.parse(addedAfter))) throw new ParleyError('BAD_REQUEST', `"${addedAfter}" is not a timestamp`);
    await this.db.run(`INSERT INTO federation_pull_cursors (party_id, added_after, updated_at) VALUES ($1, $2, $3)
      ON CONFLICT (party_id) DO UPDATE SET added_after = excluded.added_after, updated_at = excluded.updated_at`, [partyId, addedAfter, at]);
  }
}

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

interface HeldRow { message_id: string; message_modified: string; thread_id: string; waiting_for: string; envelope: string; held_at: string }

const toHeld = (r: HeldRow): HeldEnvelope => ({
  messageId: r.message_id, messageModified: r.message_modified, threadId: r.thread_id, waitingFor: r.waiting_for,
  envelope: JSON.parse(r.envelope) as OutboxEnvelope, heldAt: r.held_at,
});

/** Held early arrivals on PostgreSQL (`federation_pending`); arrival order is an identity column. */
export class PgThreadPendingStore implements ThreadPendingStore {
  constructor(private readonly db: PgExecutor) {}

  async hold(entry: HeldEnvelope): Promise<boolean> {
    return (await this.db.run(`INSERT INTO federation_pending (message_id, message_modified, thread_id, waiting_for, envelope, held_at)
      VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`, [entry.messageId, instant(entry.messageModified), entry.threadId,
      entry.waitingFor, JSON.stringify(entry.envelope), instant(entry.heldAt)])) === 1;
  }

  async waitingFor(messageId: string): Promise<HeldEnvelope[]> {
    // created is text in one millisecond format (the schema requires it), so text order is time order.
    return (await this.db.rows<HeldRow>(`SELECT * FROM federation_pending WHERE waiting_for = $1
      ORDER BY (envelope::jsonb #>> '{message,created}') COLLATE "C", arrival`, [messageId])).map(toHeld);
  }

  async release(messageId: string, messageModified: string): Promise<void> {
    await this.db.run('DELETE FROM federation_pending WHERE message_id = $1 AND message_modified = $2', [messageId, instant(messageModified)]);
  }

  async list(): Promise<HeldEnvelope[]> {
    return (await this.db.rows<HeldRow>('SELECT * FROM federation_pending ORDER BY arrival')).map(toHeld);
  }
}
