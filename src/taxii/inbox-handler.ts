import type { StatusDetail } from '../store/status-store.ts';

/** What the inbox did with an envelope: per-object successes and failures, and receipts for accepted messages. */
export interface InboxResult {
  successes: StatusDetail[];
  failures: StatusDetail[];
  receipts: unknown[];
}

/** A hook for the node's inbox collection: objects POSTed to it go to the hotline instead of plain storage. */
export interface InboxHandler {
  isInbox(collectionId: string): boolean;
  /** `context.account` is the TAXII account that posted the envelope. */
  accept(objects: readonly unknown[], context?: { account?: string }): Promise<InboxResult>;
}
