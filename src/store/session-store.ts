import type { OperatorRole } from './hotline-store.ts';

/** A signed-in operator's session as the store knows it (the token itself is never stored). */
export interface OperatorSession {
  username: string;
  role: OperatorRole;
  createdAt: string;
  expiresAt: string;
}

/** A freshly issued session: the opaque token is handed out once, here. */
export interface IssuedSession extends OperatorSession {
  token: string;
}

/** Sessions of the node's /api/: opaque random tokens, stored only as SHA-256 hashes, with an expiry. */
export interface SessionStore {
  /** Issues a new token for the operator, valid for `ttlMs` from `now`. */
  issue(username: string, role: OperatorRole, ttlMs: number, now?: Date): Promise<IssuedSession>;
  /** The session of a token, when it exists and has not expired at `now`. */
  find(token: string, now?: Date): Promise<OperatorSession | undefined>;
  /** Revokes a token; true when it existed. */
  revoke(token: string): Promise<boolean>;
  /** Revokes every session of an operator (after a role or password change); returns how many. */
  revokeOperator(username: string): Promise<number>;
  /** Deletes expired sessions; returns how many. */
  purgeExpired(now?: Date): Promise<number>;
}
