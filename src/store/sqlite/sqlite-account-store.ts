import { randomBytes } from 'node:crypto';
import { ParleyError } from '../../errors.ts';
import type { Account, AccountStore, CollectionRights } from '../account-store.ts';
import type { ConnectionGate } from './connection-gate.ts';
import type { SqliteDatabase } from './database.ts';
import { checkPassword, hashPassword, hashToken } from './password-hash.ts';

interface RightsRow { collection: string; can_read: number; can_write: number }

/** Accounts, token hashes and collection rights in SQLite. */
export class SqliteAccountStore implements AccountStore {
  readonly #db: SqliteDatabase;
  readonly #gate: ConnectionGate;

  constructor(db: SqliteDatabase, gate: ConnectionGate) {
    this.#db = db;
    this.#gate = gate;
  }

  async add(name: string, password: string, rights: readonly CollectionRights[]): Promise<void> {
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
      throw new ParleyError('BAD_REQUEST', 'an account name is 1-64 letters, digits, ".", "_", "@" or "-"');
    }
    const hash = await hashPassword(password);
    await this.#gate.run(() => this.#db.transaction(() => {
      if (this.#db.prepare('SELECT 1 FROM taxii_accounts WHERE name = ?').get(name)) {
        throw new ParleyError('CONFLICT', `account ${name} already exists`);
      }
      this.#db.prepare('INSERT INTO taxii_accounts (name, password_hash, created_at) VALUES (?, ?, ?)').run(name, hash, new Date().toISOString());
      const grant = this.#db.prepare('INSERT INTO taxii_rights (account, collection, can_read, can_write) VALUES (?, ?, ?, ?)');
      for (const right of rights) {
        if (!this.#db.prepare('SELECT 1 FROM taxii_collections WHERE id = ?').get(right.collection)) {
          throw new ParleyError('NOT_FOUND', `collection ${right.collection} does not exist`);
        }
        grant.run(name, right.collection, right.canRead ? 1 : 0, right.canWrite ? 1 : 0);
      }
    }).immediate());
  }

  async grant(name: string, rights: readonly CollectionRights[]): Promise<void> {
    await this.#gate.run(() => this.#db.transaction(() => {
      if (!this.#db.prepare('SELECT 1 FROM taxii_accounts WHERE name = ?').get(name)) throw new ParleyError('NOT_FOUND', `account ${name} does not exist`);
      const grant = this.#db.prepare(`INSERT INTO taxii_rights (account, collection, can_read, can_write) VALUES (?, ?, ?, ?)
        ON CONFLICT (account, collection) DO UPDATE SET can_read = max(can_read, excluded.can_read), can_write = max(can_write, excluded.can_write)`);
      for (const right of rights) {
        if (!this.#db.prepare('SELECT 1 FROM taxii_collections WHERE id = ?').get(right.collection)) {
          throw new ParleyError('NOT_FOUND', `collection ${right.collection} does not exist`);
        }
        grant.run(name, right.collection, right.canRead ? 1 : 0, right.canWrite ? 1 : 0);
      }
    }).immediate());
  }

  remove(name: string): Promise<boolean> {
    return this.#gate.run(() => this.#db.prepare('DELETE FROM taxii_accounts WHERE name = ?').run(name).changes > 0);
  }

  list(): Promise<Account[]> {
    return this.#gate.read((db) => db.prepare<[], { name: string }>('SELECT name FROM taxii_accounts ORDER BY name').all()
      .map((row) => account(db, row.name)!));
  }

  get(name: string): Promise<Account | undefined> {
    return this.#gate.read((db) => account(db, name));
  }

  async verifyPassword(name: string, password: string): Promise<string | undefined> {
    const row = await this.#gate.read((db) => db.prepare<[string], { password_hash: string }>(
      'SELECT password_hash FROM taxii_accounts WHERE name = ?').get(name));
    return row && (await checkPassword(password, row.password_hash)) ? name : undefined;
  }

  createToken(name: string): Promise<string> {
    return this.#gate.run(() => {
      if (!this.#db.prepare('SELECT 1 FROM taxii_accounts WHERE name = ?').get(name)) {
        throw new ParleyError('NOT_FOUND', `account ${name} does not exist`);
      }
      const token = randomBytes(32).toString('base64url');
      this.#db.prepare('INSERT INTO taxii_tokens (hash, account, created_at) VALUES (?, ?, ?)').run(hashToken(token), name, new Date().toISOString());
      return token;
    });
  }

  verifyToken(token: string): Promise<string | undefined> {
    return this.#gate.read((db) => db.prepare<[string], { account: string }>(
      'SELECT account FROM taxii_tokens WHERE hash = ?').get(hashToken(token))?.account);
  }
}

function account(db: SqliteDatabase, name: string): Account | undefined {
  const row = db.prepare<[string], { name: string; created_at: string }>('SELECT name, created_at FROM taxii_accounts WHERE name = ?').get(name);
  if (!row) return undefined;
  const rights = db.prepare<[string], RightsRow>('SELECT collection, can_read, can_write FROM taxii_rights WHERE account = ? ORDER BY collection')
    .all(name).map((r) => ({ collection: r.collection, canRead: r.can_read === 1, canWrite: r.can_write === 1 }));
  return { name: row.name, createdAt: row.created_at, rights };
}
