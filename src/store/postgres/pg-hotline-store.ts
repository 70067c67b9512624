import { ParleyError } from '../../errors.ts';
import { parseAgreement, type Agreement } from '../../hotline/agreement.ts';
import { parseParty, type Party } from '../../hotline/party.ts';
import { signedContent } from '../../hotline/signature.ts';
import { canonicalize } from '../../ledger/canonical-json.ts';
import type { HotlineStore, HotlineStoreOptions } from '../hotline-store.ts';
import { instant } from '../sqlite/instant.ts';
import { PgDeadlineRecords } from './pg-deadline-records.ts';
import type { PgExecutor } from './pg-executor.ts';
import { PgMessageRecords } from './pg-message-records.ts';
import { PgOperatorAccounts } from './pg-operator-accounts.ts';

type Args<K extends keyof HotlineStore> = Parameters<HotlineStore[K]>;

/** The hotline store on PostgreSQL (tables of `pgHotlineMigrations`), with the same checks as the SQLite one. */
export class PgHotlineStore implements HotlineStore {
  readonly #db: PgExecutor;
  readonly #messages: PgMessageRecords;
  readonly #deadlines: PgDeadlineRecords;
  readonly #operators: PgOperatorAccounts;

  constructor(db: PgExecutor, options: HotlineStoreOptions = {}) {
    this.#db = db;
    this.#messages = new PgMessageRecords(db);
    this.#deadlines = new PgDeadlineRecords(db);
    this.#operators = new PgOperatorAccounts(db, Object.freeze({ ...options }));
  }

  putMessage = (...a: Args<'putMessage'>) => this.#messages.putMessage(...a);
  getMessage = (...a: Args<'getMessage'>) => this.#messages.getMessage(...a);
  hasMessage = (...a: Args<'hasMessage'>) => this.#messages.hasMessage(...a);
  listThread = (...a: Args<'listThread'>) => this.#messages.listThread(...a);
  listMessages = (...a: Args<'listMessages'>) => this.#messages.listMessages(...a);
  putDeadline = (...a: Args<'putDeadline'>) => this.#deadlines.putDeadline(...a);
  getDeadline = (...a: Args<'getDeadline'>) => this.#deadlines.getDeadline(...a);
  replaceDeadline = (...a: Args<'replaceDeadline'>) => this.#deadlines.replaceDeadline(...a);
  replaceRegulatoryClock = (...a: Args<'replaceRegulatoryClock'>) => this.#deadlines.replaceRegulatoryClock(...a);
  listDeadlines = (...a: Args<'listDeadlines'>) => this.#deadlines.listDeadlines(...a);
  putRegulatoryClocks = (...a: Args<'putRegulatoryClocks'>) => this.#deadlines.putRegulatoryClocks(...a);
  listRegulatoryClocks = (...a: Args<'listRegulatoryClocks'>) => this.#deadlines.listRegulatoryClocks(...a);
  createOperator = (...a: Args<'createOperator'>) => this.#operators.createOperator(...a);
  authenticateOperator = (...a: Args<'authenticateOperator'>) => this.#operators.authenticateOperator(...a);
  setOperatorRole = (...a: Args<'setOperatorRole'>) => this.#operators.setOperatorRole(...a);
  setOperatorPassword = (...a: Args<'setOperatorPassword'>) => this.#operators.setOperatorPassword(...a);
  listOperators = (...a: Args<'listOperators'>) => this.#operators.listOperators(...a);

  async putParty(value: Party, options: { own: boolean }): Promise<void> {
    const party = parseParty(value);
    await this.#db.transaction(async () => {
      // Read-then-write of a rare record: a table lock keeps two instances from both passing the checks.
      await this.#db.run('LOCK TABLE hotline_parties IN SHARE ROW EXCLUSIVE MODE');
      const own = await this.#db.row<{ id: string }>('SELECT id FROM hotline_parties WHERE own');
      if (options.own && own && own.id !== party.id) throw new ParleyError('CONFLICT', `this node's own party is already ${own.id}`);
      const stored = await this.#db.row<{ modified: string }>('SELECT modified FROM hotline_parties WHERE id = $1', [party.id]);
      if (stored && stored.modified > instant(party.modified)) return;
      await this.#db.run(`INSERT INTO hotline_parties (id, own, modified, json) VALUES ($1, $2, $3, $4)
        ON CONFLICT (id) DO UPDATE SET own = excluded.own, modified = excluded.modified, json = excluded.json`,
      [party.id, options.own, instant(party.modified), JSON.stringify(party)]);
    });
  }

  async getParty(id: string): Promise<Party | undefined> {
    const row = await this.#db.row<{ json: string }>('SELECT json FROM hotline_parties WHERE id = $1', [id]);
    return row && (JSON.parse(row.json) as Party);
  }

  async getOwnParty(): Promise<Party | undefined> {
    const row = await this.#db.row<{ json: string }>('SELECT json FROM hotline_parties WHERE own');
    return row && (JSON.parse(row.json) as Party);
  }

  async listParties(): Promise<{ party: Party; own: boolean }[]> {
    return (await this.#db.rows<{ json: string; own: boolean }>('SELECT json, own FROM hotline_parties ORDER BY own DESC, id'))
      .map((row) => ({ party: JSON.parse(row.json) as Party, own: row.own }));
  }

  async putAgreementVersion(value: Agreement): Promise<void> {
    const agreement = parseAgreement(value);
    await this.#db.transaction(async () => {
      await this.#db.run('LOCK TABLE hotline_agreements IN SHARE ROW EXCLUSIVE MODE');
      const stored = await this.#db.row<{ json: string }>('SELECT json FROM hotline_agreements WHERE id = $1 AND version = $2', [agreement.id, agreement.version]);
      // A version is immutable once proposed; only its signatures may grow.
      if (stored && canonicalize(signedContent(JSON.parse(stored.json) as Agreement)) !== canonicalize(signedContent(agreement))) {
        throw new ParleyError('CONFLICT', `agreement ${agreement.id} version ${agreement.version} is stored with different content`);
      }
      const previous = await this.#db.row<{ modified: string }>(
        'SELECT modified FROM hotline_agreements WHERE id = $1 AND version < $2 ORDER BY version DESC LIMIT 1', [agreement.id, agreement.version]);
      if (previous && previous.modified >= instant(agreement.modified)) {
        throw new ParleyError('CONFLICT', `agreement ${agreement.id} version ${agreement.version} must be modified after version ${agreement.version - 1}`);
      }
      await this.#db.run(`INSERT INTO hotline_agreements (id, version, modified, json) VALUES ($1, $2, $3, $4)
        ON CONFLICT (id, version) DO UPDATE SET json = excluded.json`, [agreement.id, agreement.version, instant(agreement.modified), JSON.stringify(agreement)]);
    });
  }

  async getAgreementVersions(id: string): Promise<Agreement[]> {
    return (await this.#db.rows<{ json: string }>('SELECT json FROM hotline_agreements WHERE id = $1 ORDER BY version', [id]))
      .map((row) => JSON.parse(row.json) as Agreement);
  }

  async listAgreements(): Promise<Agreement[]> {
    return (await this.#db.rows<{ json: string }>(`SELECT json FROM hotline_agreements a
      WHERE version = (SELECT max(version) FROM hotline_agreements b WHERE b.id = a.id) ORDER BY id`))
      .map((row) => JSON.parse(row.json) as Agreement);
  }

  async directoryRevision(): Promise<string> {
    return (await this.#db.row<{ revision: string }>('SELECT revision FROM hotline_directory WHERE id = 1'))!.revision;
  }
}
