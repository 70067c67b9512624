import type { OutgoingMode, PartyDelivery, PartyLinkStore } from '../party-link-store.ts';
import type { SqliteDatabase } from './database.ts';

export { partyLinkMigrations } from './party-link-migrations.ts';

interface DeliveryRow { party_id: string; outgoing: OutgoingMode; outbox_collection: string | null; poll_collection: string | null }

const toDelivery = (r: DeliveryRow): PartyDelivery => ({
  partyId: r.party_id, outgoing: r.outgoing,
  ...(r.outbox_collection === null ? {} : { outboxCollection: r.outbox_collection }),
  ...(r.poll_collection === null ? {} : { pollCollection: r.poll_collection }),
});

/** Account links and delivery modes on SQLite; the caller runs `partyLinkMigrations` first. */
export class SqlitePartyLinkStore implements PartyLinkStore {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  async linkAccount(account: string, partyId: string): Promise<void> {
    this.#db.prepare('INSERT INTO node_party_accounts (account, party_id) VALUES (?, ?) ON CONFLICT (account) DO UPDATE SET party_id = excluded.party_id').run(account, partyId);
  }

  async unlinkAccount(account: string): Promise<void> {
    this.#db.prepare('DELETE FROM node_party_accounts WHERE account = ?').run(account);
  }

  async accountParty(account: string): Promise<string | undefined> {
    return this.#db.prepare<[string], { party_id: string }>('SELECT party_id FROM node_party_accounts WHERE account = ?').get(account)?.party_id;
  }

  async partyAccounts(partyId: string): Promise<string[]> {
    return this.#db.prepare<[string], { account: string }>('SELECT account FROM node_party_accounts WHERE party_id = ? ORDER BY account').all(partyId).map((r) => r.account);
  }

  async setOutgoing(partyId: string, outgoing: OutgoingMode, outboxCollection?: string): Promise<void> {
    this.#db.prepare(`INSERT INTO node_party_delivery (party_id, outgoing, outbox_collection) VALUES (?, ?, ?)
      ON CONFLICT (party_id) DO UPDATE SET outgoing = excluded.outgoing, outbox_collection = coalesce(excluded.outbox_collection, outbox_collection)`)
      .run(partyId, outgoing, outboxCollection ?? null);
  }

  async setPoll(partyId: string, pollCollection: string | undefined): Promise<void> {
    this.#db.prepare(`INSERT INTO node_party_delivery (party_id, outgoing, poll_collection) VALUES (?, 'push', ?)
      ON CONFLICT (party_id) DO UPDATE SET poll_collection = excluded.poll_collection`).run(partyId, pollCollection ?? null);
  }

  async delivery(partyId: string): Promise<PartyDelivery> {
    const row = this.#db.prepare<[string], DeliveryRow>('SELECT * FROM node_party_delivery WHERE party_id = ?').get(partyId);
    return row ? toDelivery(row) : { partyId, outgoing: 'push' };
  }

  async deliveries(): Promise<PartyDelivery[]> {
    return this.#db.prepare<[], DeliveryRow>('SELECT * FROM node_party_delivery ORDER BY party_id').all().map(toDelivery);
  }
}
