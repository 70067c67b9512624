import type { OutboxEnvelope } from './outbox-store.ts';

/** A message that arrived before the message it replies to, held until that one is present. */
export interface HeldEnvelope {
  messageId: string;
  messageModified: string;
  threadId: string;
  /** The id of the message it replies to. */
  waitingFor: string;
  envelope: OutboxEnvelope;
  heldAt: string;
}

/** Durable store of early arrivals on the receiving side. */
export interface ThreadPendingStore {
  /** Holds an envelope; holding the same message version again changes nothing. Returns false when it was held already. */
  hold(entry: HeldEnvelope): Promise<boolean>;
  /** The envelopes waiting for `messageId`, in the order they were created (then arrival). */
  waitingFor(messageId: string): Promise<HeldEnvelope[]>;
  /** Drops a held envelope once it has been applied. */
  release(messageId: string, messageModified: string): Promise<void>;
  /** Everything held, oldest arrival first. */
  list(): Promise<HeldEnvelope[]>;
}
