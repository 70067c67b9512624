import { canonicalize } from '../../ledger/canonical-json.ts';
import { ParleyError } from '../../errors.ts';
import { parseAgreement, type Agreement } from '../../hotline/agreement.ts';
import { parseParty, type Party } from '../../hotline/party.ts';
import { signedContent } from '../../hotline/signature.ts';
import type { HotlineStore, HotlineStoreOptions } from '../hotline-store.ts';
import type { SqliteDatabase } from './database.ts';
import { instant } from './instant.ts';
import { SqliteDeadlineRecords } from './sqlite-deadline-records.ts';
import { SqliteMessageRecords } from './sqlite-message-records.ts';
import { SqliteOperatorAccounts } from './sqlite-operator-accounts.ts';

export { hotlineMigrations } from './hotline-migrations.ts';

type Args<K extends keyof HotlineStore> = Parameters<HotlineStore[K]>;

/** The hotline store on SQLite; the caller opens the database and runs `hotlineMigrations` first. */
export class SqliteHotlineStore implements HotlineStore {
  readonly #db: SqliteDatabase;
  readonly #messages: SqliteMessageRecords;
  readonly #deadlines: SqliteDeadlineRecords;
  readonly #operators: SqliteOperatorAccounts;

  constructor(db: SqliteDatabase, options: HotlineStoreOptions = {}) {
    this.#db = db;
    this.#messages = new SqliteMessageRecords(db);
    this.#deadlines = new SqliteDeadlineRecords(db);
    this.#operators = new SqliteOperatorAccounts(db, Object.freeze({ ...options }));
  }

  putMessage = (...a: Args<'putMessage'>) => this.#messages.putMessage(...a);
  getMessage = (...a: Args<'getMessage'>) => this.#messages.getMessage(...a);
  hasMessage = (...a: Args<'hasMessage'>) => this.#messages.hasMessage(...a);
  listThread = (...a: Args<'listThread'>) => this.#messages.listThread(...a);
  listMessages = (...a: Args<'listMessages'>) => this.#messages.listMessages(...a);
  putDeadline = (...a: Args<'putDeadline'>) => this.#deadlines.putDeadline(...a);
  getDeadline = (...a: Args<'getDeadline'>) => this.#deadlines.getDeadline(...a);
  listDeadlines = (...a: Args<'listDeadlines'>) => this.#deadlines.listDeadlines(...a);
  replaceDeadline = (...a: Args<'replaceDeadline'>) => this.#deadlines.replaceDeadline(...a);
  putRegulatoryClocks = (...a: Args<'putRegulatoryClocks'>) => this.#deadlines.putRegulatoryClocks(...a);
  listRegulatoryClocks = (...a: Args<'listRegulatoryClocks'>) => this.#deadlines.listRegulatoryClocks(...a);
  replaceRegulatoryClock = (...a: Args<'replaceRegulatoryClock'>) => this.#deadlines.replaceRegulatoryClock(...a);
  createOperator = (...a: Args<'createOperator'>) => this.#operators.createOperator(...a);
  authenticateOperator = (...a: Args<'authenticateOperator'>) => this.#operators.authenticateOperator(...a);
  setOperatorRole = (...a: Args<'setOperatorRole'>) => this.#operators.setOperatorRole(...a);
  setOperatorPassword = (...a: Args<'setOperatorPassword'>) => this.#operators.setOperatorPassword(...a);
  listOperators = (...a: Args<'listOperators'>) => this.#operators.listOperators(...a);

  async putParty(value: Party, options: { own: boolean }): Promise<void> {
    const party = parseParty(value);
    const write = this.#db.transaction(() => {
      const own = this.#db.prepare<[], { id: string }>('SELECT id FROM hotline_parties WHERE own = 1').get();
      if (options.own && own && own.id !== party.id) throw new ParleyError('CONFLICT', `this node's own party is already ${own.id}`);
      const stored = this.#db.prepare<[string], { modified: string }>('SELECT modified FROM hotline_parties WHERE id = ?').get(party.id);
      if (stored && stored.modified > instant(party.modified)) return;
      this.#db
        .prepare('INSERT INTO hotline_parties (id, own, modified, json) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET own = excluded.own, modified = excluded.modified, json = excluded.json')
        .run(party.id, options.own ? 1 : 0, instant(party.modified), JSON.stringify(party));
    });
    write.immediate();
  }

  async getParty(id: string): Promise<Party | undefined> {
    const row = this.#db.prepare<[string], { json: string }>('SELECT json FROM hotline_parties WHERE id = ?').get(id);
    return row && (JSON.parse(row.json) as Party);
  }

  async getOwnParty(): Promise<Party | undefined> {
    const row = this.#db.prepare<[], { json: string }>('SELECT json FROM hotline_parties WHERE own = 1').get();
    return row && (JSON.parse(row.json) as Party);
  }

  async listParties(): Promise<{ party: Party; own: boolean }[]> {
    return this.#db
      .prepare<[], { json: string; own: number }>('SELECT json, own FROM hotline_parties ORDER BY own DESC, id')
      .all()
      .map((row) => ({ party: JSON.parse(row.json) as Party, own: row.own === 1 }));
  }

  async putAgreementVersion(value: Agreement): Promise<void> {
    const agreement = parseAgreement(value);
    const write = this.#db.transaction(() => {
      const stored = this.#db.prepare<[string, number], { json: string }>('SELECT json FROM hotline_agreements WHERE id = ? AND version = ?').get(agreement.id, agreement.version);
      // A version is immutable once proposed; only its signatures may grow.
      if (stored && canonicalize(signedContent(JSON.parse(stored.json) as Agreement)) !== canonicalize(signedContent(agreement))) {
        throw new ParleyError('CONFLICT', `agreement ${agreement.id} version ${agreement.version} is stored with different content`);
      }
      const previous = this.#db.prepare<[string, number], { modified: string }>('SELECT modified FROM hotline_agreements WHERE id = ? AND version < ? ORDER BY version DESC LIMIT 1').get(agreement.id, agreement.version);
      if (previous && previous.modified >= instant(agreement.modified)) {
        throw new ParleyError('CONFLICT', `agreement ${agreement.id} version ${agreement.version} must be modified after version ${agreement.version - 1}`);
      }
      this.#db
        .prepare('INSERT INTO hotline_agreements (id, version, modified, json) VALUES (?, ?, ?, ?) ON CONFLICT (id, version) DO UPDATE SET json = excluded.json')
        .run(agreement.id, agreement.version, instant(agreement.modified), JSON.stringify(agreement));
    });
    write.immediate();
  }

  async getAgreementVersions(id: string): Promise<Agreement[]> {
    return this.#db
      .prepare<[string], { json: string }>('SELECT json FROM hotline_agreements WHERE id = ? ORDER BY version')
      .all(id)
      .map((row) => JSON.parse(row.json) as Agreement);
  }

  async listAgreements(): Promise<Agreement[]> {
    return this.#db
      .prepare<[], { json: string }>('SELECT json FROM hotline_agreements a WHERE version = (SELECT max(version) FROM hotline_agreements b WHERE b.id = a.id) ORDER BY id')
      .all()
      .map((row) => JSON.parse(row.json) as Agreement);
  }

  async directoryRevision(): Promise<string> {
    return this.#db.prepare<[], { revision: string }>('SELECT revision FROM hotline_directory WHERE id = 1').get()!.revision;
  }
}
