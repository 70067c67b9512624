import { randomBytes } from 'node:crypto';
import { ParleyError } from '../../errors.ts';
import type { Account, AccountStore, CollectionRights } from '../account-store.ts';
import { checkPassword, hashPassword, hashToken } from '../sqlite/password-hash.ts';
import type { PgExecutor } from './pg-executor.ts';

interface RightsRow { collection: string; can_read: boolean; can_write: boolean }

/** Accounts, token hashes and collection rights on PostgreSQL (same hashes as the SQLite store). */
export class PgAccountStore implements AccountStore {
  readonly #db: PgExecutor;

  constructor(db: PgExecutor) {
    this.#db = db;
  }

  async add(name: string, password: string, rights: readonly CollectionRights[]): Promise<void> {
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
      throw new ParleyError('BAD_REQUEST', 'an account name is 1-64 letters, digits, ".", "_", "@" or "-"');
    }
    const hash = await hashPassword(password);
    await this.#db.transaction(async () => {
      const inserted = await this.#db.run(`INSERT INTO taxii_accounts (name, password_hash, created_at) VALUES ($1, $2, $3)
        ON CONFLICT (name) DO NOTHING`, [name, hash, new Date().toISOString()]);
      if (inserted === 0) throw new ParleyError('CONFLICT', `account ${name} already exists`);
      for (const right of rights) {
        if (!(await this.#db.row('SELECT 1 FROM taxii_collections WHERE id = $1', [right.collection]))) {
          throw new ParleyError('NOT_FOUND', `collection ${right.collection} does not exist`);
        }
        await this.#db.run('INSERT INTO taxii_rights (account, collection, can_read, can_write) VALUES ($1, $2, $3, $4)',
          [name, right.collection, right.canRead, right.canWrite]);
      }
    });
  }

  async grant(name: string, rights: readonly CollectionRights[]): Promise<void> {
    await this.#db.transaction(async () => {
      if (!(await this.#db.row('SELECT 1 FROM taxii_accounts WHERE name = $1', [name]))) throw new ParleyError('NOT_FOUND', `account ${name} does not exist`);
      for (const right of rights) {
        if (!(await this.#db.row('SELECT 1 FROM taxii_collections WHERE id = $1', [right.collection]))) {
          throw new ParleyError('NOT_FOUND', `collection ${right.collection} does not exist`);
        }
        // Rights only widen: a grant never takes away what the account already had.
        await this.#db.run(`INSERT INTO taxii_rights (account, collection, can_read, can_write) VALUES ($1, $2, $3, $4)
          ON CONFLICT (account, collection) DO UPDATE SET can_read = taxii_rights.can_read OR excluded.can_read, can_write = taxii_rights.can_write OR excluded.can_write`,
        [name, right.collection, right.canRead, right.canWrite]);
      }
    });
  }

  async remove(name: string): Promise<boolean> {
    return (await this.#db.run('DELETE FROM taxii_accounts WHERE name = $1', [name])) > 0;
  }

  async list(): Promise<Account[]> {
    const names = await this.#db.rows<{ name: string }>('SELECT name FROM taxii_accounts ORDER BY name');
    const accounts = await Promise.all(names.map((row) => this.get(row.name)));
    return accounts.filter((a): a is Account => a !== undefined);
  }

  async get(name: string): Promise<Account | undefined> {
    const row = await this.#db.row<{ name: string; created_at: string }>('SELECT name, created_at FROM taxii_accounts WHERE name = $1', [name]);
    if (!row) return undefined;
    const rights = (await this.#db.rows<RightsRow>('SELECT collection, can_read, can_write FROM taxii_rights WHERE account = $1 ORDER BY collection', [name]))
      .map((r) => ({ collection: r.collection, canRead: r.can_read, canWrite: r.can_write }));
    return { name: row.name, createdAt: row.created_at, rights };
  }

  async verifyPassword(name: string, password: string): Promise<string | undefined> {
    const row = await this.#db.row<{ password_hash: string }>('SELECT password_hash FROM taxii_accounts WHERE name = $1', [name]);
    return row && (await checkPassword(password, row.password_hash)) ? name : undefined;
  }

  async createToken(name: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const inserted = await this.#db.run(`INSERT INTO taxii_tokens (hash, account, created_at)
      SELECT $1, name, $3 FROM taxii_accounts WHERE name = $2`, [hashToken(token), name, new Date().toISOString()]);
    if (inserted === 0) throw new ParleyError('NOT_FOUND', `account ${name} does not exist`);
    return token;
  }

  async verifyToken(token: string): Promise<string | undefined> {
    return (await this.#db.row<{ account: string }>('SELECT account FROM taxii_tokens WHERE hash = $1', [hashToken(token)]))?.account;
  }
}
