import type { OutgoingMode, PartyDelivery, PartyLinkStore } from '../party-link-store.ts';
import type { PgExecutor } from './pg-executor.ts';

// Module `party-links` on PostgreSQL: its DDL is portable, so the SQLite set itself (same steps, same versions).
export { partyLinkMigrations as pgPartyLinkMigrations } from '../sqlite/party-link-migrations.ts';

interface DeliveryRow { party_id: string; outgoing: OutgoingMode; outbox_collection: string | null; poll_collection: string | null }

const toDelivery = (r: DeliveryRow): PartyDelivery => ({
  partyId: r.party_id, outgoing: r.outgoing,
  ...(r.outbox_collection === null ? {} : { outboxCollection: r.outbox_collection }),
  ...(r.poll_collection === null ? {} : { pollCollection: r.poll_collection }),
});

/** Account links and delivery modes on PostgreSQL. */
export class PgPartyLinkStore implements PartyLinkStore {
  constructor(private readonly db: PgExecutor) {}

  async linkAccount(account: string, partyId: string): Promise<void> {
    await this.db.run('INSERT INTO node_party_accounts (account, party_id) VALUES ($1, $2) ON CONFLICT (account) DO UPDATE SET party_id = excluded.party_id', [account, partyId]);
  }

  async unlinkAccount(account: string): Promise<void> {
    await this.db.run('DELETE FROM node_party_accounts WHERE account = $1', [account]);
  }

  async accountParty(account: string): Promise<string | undefined> {
    return (await this.db.row<{ party_id: string }>('SELECT party_id FROM node_party_accounts WHERE account = $1', [account]))?.party_id;
  }

  async partyAccounts(partyId: string): Promise<string[]> {
    return (await this.db.rows<{ account: string }>('SELECT account FROM node_party_accounts WHERE party_id = $1 ORDER BY account', [partyId])).map((r) => r.account);
  }

  async setOutgoing(partyId: string, outgoing: OutgoingMode, outboxCollection?: string): Promise<void> {
    await this.db.run(`INSERT INTO node_party_delivery (party_id, outgoing, outbox_collection) VALUES ($1, $2, $3)
      ON CONFLICT (party_id) DO UPDATE SET outgoing = excluded.outgoing, outbox_collection = coalesce(excluded.outbox_collection, node_party_delivery.outbox_collection)`,
    [partyId, outgoing, outboxCollection ?? null]);
  }

  async setPoll(partyId: string, pollCollection: string | undefined): Promise<void> {
    await this.db.run(`INSERT INTO node_party_delivery (party_id, outgoing, poll_collection) VALUES ($1, 'push', $2)
      ON CONFLICT (party_id) DO UPDATE SET poll_collection = excluded.poll_collection`, [partyId, pollCollection ?? null]);
  }

  async delivery(partyId: string): Promise<PartyDelivery> {
    const row = await this.db.row<DeliveryRow>('SELECT * FROM node_party_delivery WHERE party_id = $1', [partyId]);
    return row ? toDelivery(row) : { partyId, outgoing: 'push' };
  }

  async deliveries(): Promise<PartyDelivery[]> {
    return (await this.db.rows<DeliveryRow>('SELECT * FROM node_party_delivery ORDER BY party_id')).map(toDelivery);
  }
}
