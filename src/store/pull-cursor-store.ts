/** Per-counterpart pull positions: the last `X-TAXII-Date-Added-Last` fully processed from its outbox collection. */
export interface PullCursorStore {
  get(partyId: string): Promise<string | undefined>;
  set(partyId: string, addedAfter: string, at: string): Promise<void>;
}
