import type { Agreement } from '../hotline/agreement.ts';
import type { Deadline, DeadlineState } from '../hotline/deadlines.ts';
import type { Message } from '../hotline/message.ts';
import type { Party } from '../hotline/party.ts';
import type { ClockState, RegulatoryClock } from '../hotline/regulatory-clocks.ts';

export type MessageDirection = 'sent' | 'received';

/** A message as stored: the object, which way it went, and the store's sequence number (an inbox cursor). */
export interface StoredMessage {
  message: Message;
  direction: MessageDirection;
  storedAt: string;
  seq: number;
}

/** A page of the inbox/outbox, newest first. */
export interface MessageListQuery {
  direction?: MessageDirection;
  /** Only messages stored before this sequence number (the `seq` of the last item of the previous page). */
  beforeSeq?: number;
  /** At most this many (default 50, at most 1000). */
  limit?: number;
}

/** A regulatory clock tied to the notification that started it. */
export interface StoredRegulatoryClock extends RegulatoryClock {
  messageId: string;
}

export const OPERATOR_ROLES = Object.freeze(['duty-officer', 'supervisor', 'administrator'] as const);
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** An operator of the node's /api/ (the password hash never leaves the store). */
export interface Operator {
  username: string;
  role: OperatorRole;
  createdAt: string;
  updatedAt: string;
}

/** Options of a hotline store backend. */
export interface HotlineStoreOptions {
  /** scrypt cost N for new password hashes (a power of two, at least 2^14; default 2^17). */
  passwordCost?: number;
}

/**
 * The hotline's persistent state: parties, agreement versions, messages, deadlines, regulatory clocks, operators.
 * Every method validates its input before writing, so bad input never reaches stored data.
 */
export interface HotlineStore {
  /** Stores a party record (own: this node's party; at most one). An older `modified` than stored is ignored. */
  putParty(party: Party, options: { own: boolean }): Promise<void>;
  getParty(id: string): Promise<Party | undefined>;
  getOwnParty(): Promise<Party | undefined>;
  listParties(): Promise<{ party: Party; own: boolean }[]>;

  /** Stores one agreement version; re-storing it with more signatures is allowed, changing its content is a CONFLICT. */
  putAgreementVersion(agreement: Agreement): Promise<void>;
  /** Every version of an agreement, oldest first. */
  getAgreementVersions(id: string): Promise<Agreement[]>;
  /** The latest stored version of every agreement. */
  listAgreements(): Promise<Agreement[]>;
  /** A token that changes whenever a change to parties or agreements is committed, by any process. */
  directoryRevision(): Promise<string>;

  /** Stores a sent or received message; the same id and modified twice is a REPLAY. */
  putMessage(message: Message, direction: MessageDirection, storedAt?: string): Promise<StoredMessage>;
  /** A message by id (the latest version, or the one with this `modified`). */
  getMessage(id: string, modified?: string): Promise<StoredMessage | undefined>;
  hasMessage(id: string): Promise<boolean>;
  /** A thread in the order its messages were created. */
  listThread(threadId: string): Promise<StoredMessage[]>;
  listMessages(query?: MessageListQuery): Promise<StoredMessage[]>;

  /** Inserts or updates a deadline (key: message id + owing party). */
  putDeadline(deadline: Deadline): Promise<void>;
  getDeadline(messageId: string, owedBy: string): Promise<Deadline | undefined>;
  /** Deadlines by state and/or thread, soonest acknowledgement deadline first. */
  listDeadlines(filter?: { states?: readonly DeadlineState[]; threadId?: string }): Promise<Deadline[]>;
  /**
   * Compare-and-set: stores `next` only if the stored deadline is still exactly `expected` (as read); false when
   * it changed meanwhile (another instance escalated or an answer arrived), and then nothing is written. On
   * PostgreSQL a conditional `UPDATE … WHERE json = $expected` waits for a concurrent writer's row lock and
   * re-checks the condition on the committed row, so two checks cannot both escalate one deadline.
   */
  replaceDeadline(expected: Deadline, next: Deadline): Promise<boolean>;

  /** Inserts or updates regulatory clocks (key: message id + obligation). */
  putRegulatoryClocks(clocks: readonly StoredRegulatoryClock[]): Promise<void>;
  listRegulatoryClocks(filter?: { messageId?: string; states?: readonly ClockState[] }): Promise<StoredRegulatoryClock[]>;
  /** Compare-and-set for one regulatory clock, as `replaceDeadline` (key: message id + obligation of `expected`). */
  replaceRegulatoryClock(expected: StoredRegulatoryClock, next: StoredRegulatoryClock): Promise<boolean>;

  /** Creates an operator with a scrypt-hashed password; an existing username is a CONFLICT. */
  createOperator(username: string, password: string, role: OperatorRole): Promise<Operator>;
  /** The operator when the password is right, otherwise undefined (same answer for unknown users). */
  authenticateOperator(username: string, password: string): Promise<Operator | undefined>;
  setOperatorRole(username: string, role: OperatorRole): Promise<Operator>;
  setOperatorPassword(username: string, password: string): Promise<void>;
  listOperators(): Promise<Operator[]>;
}
