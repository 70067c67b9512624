import { ParleyError } from '../../errors.ts';
import type { Operator, OperatorRole } from '../hotline-store.ts';
import { OPERATOR_ROLES, type HotlineStoreOptions } from '../hotline-store.ts';
import { DEFAULT_PASSWORD_COST, hashPassword, verifyPassword } from '../operator-password.ts';
import type { SqliteDatabase } from './database.ts';

/** What an operator username may look like. */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

interface OperatorRow {
  username: string;
  role: OperatorRole;
  password_hash: string;
  created_at: string;
  updated_at: string;
}
const toOperator = (row: OperatorRow): Operator => ({ username: row.username, role: row.role, createdAt: row.created_at, updatedAt: row.updated_at });

/** Rejects a role outside OPERATOR_ROLES. */
export function assertRole(role: string): asserts role is OperatorRole {
  if (!(OPERATOR_ROLES as readonly string[]).includes(role)) throw new ParleyError('BAD_REQUEST', `role must be one of ${OPERATOR_ROLES.join(', ')}`);
}

/** Operator accounts of the node's /api/ on SQLite (the hotline store's operator part). */
export class SqliteOperatorAccounts {
  readonly #db: SqliteDatabase;
  readonly #cost: number;
  // Verified against when the username is unknown, so a wrong username costs as much time as a wrong password.
  #decoy: Promise<string> | undefined;

  constructor(db: SqliteDatabase, options: HotlineStoreOptions = {}) {
    this.#db = db;
    this.#cost = options.passwordCost ?? DEFAULT_PASSWORD_COST;
  }

  #row(username: string): OperatorRow | undefined {
    return this.#db.prepare<[string], OperatorRow>('SELECT * FROM hotline_operators WHERE username = ?').get(username);
  }

  async createOperator(username: string, password: string, role: OperatorRole): Promise<Operator> {
    if (!USERNAME.test(username)) throw new ParleyError('BAD_REQUEST', 'a username is 2-64 characters of a-z, 0-9, ".", "_", "-", starting with a letter or digit');
    assertRole(role);
    const hash = await hashPassword(password, this.#cost);
    const now = new Date().toISOString();
    const inserted = this.#db
      .prepare('INSERT INTO hotline_operators (username, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING')
      .run(username, role, hash, now, now);
    if (inserted.changes === 0) throw new ParleyError('CONFLICT', `operator ${username} already exists`);
    return { username, role, createdAt: now, updatedAt: now };
  }

  async authenticateOperator(username: string, password: string): Promise<Operator | undefined> {
    const row = this.#row(username);
    if (!row) {
      this.#decoy ??= hashPassword('decoy password, never valid', this.#cost);
      await verifyPassword(password, await this.#decoy);
      return undefined;
    }
    return (await verifyPassword(password, row.password_hash)) ? toOperator(row) : undefined;
  }

  async setOperatorRole(username: string, role: OperatorRole): Promise<Operator> {
    assertRole(role);
    const changed = this.#db.prepare('UPDATE hotline_operators SET role = ?, updated_at = ? WHERE username = ?').run(role, new Date().toISOString(), username);
    if (changed.changes === 0) throw new ParleyError('NOT_FOUND', `no operator ${username}`);
    return toOperator(this.#row(username)!);
  }

  async setOperatorPassword(username: string, password: string): Promise<void> {
    if (!this.#row(username)) throw new ParleyError('NOT_FOUND', `no operator ${username}`);
    const hash = await hashPassword(password, this.#cost);
    this.#db.prepare('UPDATE hotline_operators SET password_hash = ?, updated_at = ? WHERE username = ?').run(hash, new Date().toISOString(), username);
  }

  async listOperators(): Promise<Operator[]> {
    return this.#db.prepare<[], OperatorRow>('SELECT * FROM hotline_operators ORDER BY username').all().map(toOperator);
  }
}
