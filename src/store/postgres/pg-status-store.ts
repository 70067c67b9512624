import { jsonText } from '../prepared-object.ts';
import type { StatusStore, TaxiiStatus } from '../status-store.ts';
import type { PgExecutor } from './pg-executor.ts';

/** TAXII status resources on PostgreSQL, stored as their JSON body. */
export class PgStatusStore implements StatusStore {
  readonly #db: PgExecutor;

  constructor(db: PgExecutor) {
    this.#db = db;
  }

  async save(apiRoot: string, account: string, status: TaxiiStatus): Promise<string> {
    const body = JSON.stringify(status);
    await this.#insert(apiRoot, status.id, account, body);
    return body;
  }

  async saveBody(apiRoot: string, account: string, id: string, body: Uint8Array): Promise<void> {
    await this.#insert(apiRoot, id, account, jsonText(body));
  }

  async #insert(apiRoot: string, id: string, account: string, body: string): Promise<void> {
    await this.#db.run(`INSERT INTO taxii_statuses (api_root, id, account, body, created_at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (api_root, id) DO UPDATE SET body = excluded.body`, [apiRoot, id, account, body, new Date().toISOString()]);
  }

  async get(apiRoot: string, id: string): Promise<{ account: string; status: TaxiiStatus } | undefined> {
    const row = await this.#db.row<{ account: string; body: string }>('SELECT account, body FROM taxii_statuses WHERE api_root = $1 AND id = $2', [apiRoot, id]);
    return row && { account: row.account, status: JSON.parse(row.body) as TaxiiStatus };
  }
}
