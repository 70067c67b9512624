import { ParleyError } from '../../errors.ts';
import type { HotlineStoreOptions, Operator, OperatorRole } from '../hotline-store.ts';
import { DEFAULT_PASSWORD_COST, hashPassword, verifyPassword } from '../operator-password.ts';
import { assertRole, USERNAME } from '../sqlite/sqlite-operator-accounts.ts';
import type { PgExecutor } from './pg-executor.ts';

interface OperatorRow { username: string; role: OperatorRole; password_hash: string; created_at: string; updated_at: string }

const toOperator = (row: OperatorRow): Operator => ({ username: row.username, role: row.role, createdAt: row.created_at, updatedAt: row.updated_at });

/** Operator accounts of the node's /api/ on PostgreSQL (the hotline store's operator part). */
export class PgOperatorAccounts {
  readonly #db: PgExecutor;
  readonly #cost: number;
  // Verified against when the username is unknown, so a wrong username costs as much time as a wrong password.
  #decoy: Promise<string> | undefined;

  constructor(db: PgExecutor, options: HotlineStoreOptions = {}) {
    this.#db = db;
    this.#cost = options.passwordCost ?? DEFAULT_PASSWORD_COST;
  }

  #row(username: string): Promise<OperatorRow | undefined> {
    return this.#db.row<OperatorRow>('SELECT * FROM hotline_operators WHERE username = $1', [username]);
  }

  async createOperator(username: string, password: string, role: OperatorRole): Promise<Operator> {
    if (!USERNAME.test(username)) throw new ParleyError('BAD_REQUEST', 'a username is 2-64 characters of a-z, 0-9, ".", "_", "-", starting with a letter or digit');
    assertRole(role);
    const hash = await hashPassword(password, this.#cost);
    const now = new Date().toISOString();
    const inserted = await this.#db.run(`INSERT INTO hotline_operators (username, role, password_hash, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $4) ON CONFLICT (username) DO NOTHING`, [username, role, hash, now]);
    if (inserted === 0) throw new ParleyError('CONFLICT', `operator ${username} already exists`);
    return { username, role, createdAt: now, updatedAt: now };
  }

  async authenticateOperator(username: string, password: string): Promise<Operator | undefined> {
    const row = await this.#row(username);
    if (!row) {
      this.#decoy ??= hashPassword('decoy password, never valid', this.#cost);
      await verifyPassword(password, await this.#decoy);
      return undefined;
    }
    return (await verifyPassword(password, row.password_hash)) ? toOperator(row) : undefined;
  }

  async setOperatorRole(username: string, role: OperatorRole): Promise<Operator> {
    assertRole(role);
    const row = await this.#db.row<OperatorRow>('UPDATE hotline_operators SET role = $1, updated_at = $2 WHERE username = $3 RETURNING *',
      [role, new Date().toISOString(), username]);
    if (!row) throw new ParleyError('NOT_FOUND', `no operator ${username}`);
    return toOperator(row);
  }

  async setOperatorPassword(username: string, password: string): Promise<void> {
    if (!(await this.#row(username))) throw new ParleyError('NOT_FOUND', `no operator ${username}`);
    const hash = await hashPassword(password, this.#cost);
    await this.#db.run('UPDATE hotline_operators SET password_hash = $1, updated_at = $2 WHERE username = $3', [hash, new Date().toISOString(), username]);
  }

  async listOperators(): Promise<Operator[]> {
    return (await this.#db.rows<OperatorRow>('SELECT * FROM hotline_operators ORDER BY username')).map(toOperator);
  }
}
