import type { StatusStore, TaxiiStatus } from '../status-store.ts';
import type { ConnectionGate } from './connection-gate.ts';
import type { SqliteDatabase } from './database.ts';

/** TAXII status resources in SQLite, stored as their JSON body. */
export class SqliteStatusStore implements StatusStore {
  readonly #db: SqliteDatabase;
  readonly #gate: ConnectionGate;

  constructor(db: SqliteDatabase, gate: ConnectionGate) {
    this.#db = db;
    this.#gate = gate;
  }

  save(apiRoot: string, account: string, status: TaxiiStatus): Promise<string> {
    return this.#gate.run(() => {
      const body = JSON.stringify(status);
      this.#insert(apiRoot, status.id, account, body);
      return body;
    });
  }

  saveBody(apiRoot: string, account: string, id: string, body: Uint8Array): Promise<void> {
    return this.#gate.run(() => this.#insert(apiRoot, id, account, body));
  }

  #insert(apiRoot: string, id: string, account: string, body: string | Uint8Array): void {
    // CAST: bytes bind as a blob; the body is stored as the text they encode, never as a blob.
    this.#db.prepare(
      `INSERT INTO taxii_statuses (api_root, id, account, body, created_at) VALUES (?, ?, ?, CAST(? AS TEXT), ?)
       ON CONFLICT (api_root, id) DO UPDATE SET body = excluded.body`,
    ).run(apiRoot, id, account, body, new Date().toISOString());
  }

  get(apiRoot: string, id: string): Promise<{ account: string; status: TaxiiStatus } | undefined> {
    return this.#gate.read((db) => {
      const row = db.prepare<[string, string], { account: string; body: string }>(
        'SELECT account, body FROM taxii_statuses WHERE api_root = ? AND id = ?').get(apiRoot, id);
      return row && { account: row.account, status: JSON.parse(row.body) as TaxiiStatus };
    });
  }
}
