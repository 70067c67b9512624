/** How messages from this node travel to a counterpart: pushed to its inbox, or published for it to pull. */
export type OutgoingMode = 'push' | 'pull';

/** This node's delivery settings for one counterpart. */
export interface PartyDelivery {
  partyId: string;
  /** `pull`: messages to the party are published in `outboxCollection` on this node for it to fetch. */
  outgoing: OutgoingMode;
  /** The per-counterpart outbox collection (kept when the party goes back to push, reused when it pulls again). */
  outboxCollection?: string;
  /** Set when this node polls the party's outbox collection for us (the party publishes for us). */
  pollCollection?: string;
}

/**
 * Which TAXII account belongs to which counterpart, and how messages travel to and from each counterpart
 * (push, or pull through a per-counterpart outbox collection). Calls made inside `Store.transaction` join it.
 */
export interface PartyLinkStore {
  /** Links a TAXII account of this node to the counterpart that uses it (an account belongs to one party). */
  linkAccount(account: string, partyId: string): Promise<void>;
  /** Forgets an account's link (when the account is removed). */
  unlinkAccount(account: string): Promise<void>;
  /** The party an account is linked to; undefined for an unlinked account. */
  accountParty(account: string): Promise<string | undefined>;
  /** The accounts linked to a party, by name. */
  partyAccounts(partyId: string): Promise<string[]>;
  /** Sets how messages go to the party (and its outbox collection when pulling). */
  setOutgoing(partyId: string, outgoing: OutgoingMode, outboxCollection?: string): Promise<void>;
  /** Starts (collection id) or stops (undefined) polling the party's outbox collection. */
  setPoll(partyId: string, pollCollection: string | undefined): Promise<void>;
  /** The settings of one party; a party never configured is `push` without collections. */
  delivery(partyId: string): Promise<PartyDelivery>;
  /** Every party with a setting stored. */
  deliveries(): Promise<PartyDelivery[]>;
}
