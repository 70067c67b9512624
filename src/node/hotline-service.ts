import { ParleyError } from '../errors.ts';
import type { Deadline } from '../hotline/deadlines.ts';
import type { StixObject } from '../hotline/evidence.ts';
import { buildMessage, messageTlp, type Message, type MessageDetails } from '../hotline/message.ts';
import type { MessageKind } from '../hotline/message-kinds.ts';
import type { Party } from '../hotline/party.ts';
import { signObject } from '../hotline/signature.ts';
import type { TlpLevel } from '../hotline/tlp.ts';
import type { Dispatcher } from '../federation/delivery-transport.ts';
import type { TransportReceipt } from '../federation/transport-receipt.ts';
import type { StoredMessage } from '../store/hotline-store.ts';
import { agreementFor, checkOutgoingTlp } from './compose-checks.ts';
import { Directory, type DirectorySnapshot } from './directory.ts';
import { SignedAgreements } from './signed-agreements.ts';
import { checkDeadlines } from './deadline-checks.ts';
import { receiveMessage, type ReceiveOutcome } from './incoming.ts';
import { receiveMessages } from './incoming-batch.ts';
import { commitInGroup } from './commit-group.ts';
import { checkSendForward } from './forward-check.ts';
import type { ParleyNode } from './parley-node.ts';
import { applyReceived, receivedOrder } from './received-order.ts';
import type { ThreadOrder } from '../federation/thread-order.ts';

export type { ReceiveOutcome } from './incoming.ts';

/** A message as a person composes it (service-contract.md). */
export interface ComposeDraft {
  kind: MessageKind;
  to: string[];
  thread_id?: string;
  in_reply_to?: string;
  priority: 'routine' | 'urgent' | 'flash';
  tlp: TlpLevel;
  language: string;
  subject: string;
  body: string;
  /** Kind fields as the message model names them (sector, severity, incident_ref, request_type, …) plus agreement_ref. */
  fields?: Record<string, unknown>;
  evidence?: StixObject[];
  evidence_refs?: { collection_id: string; object_id: string }[];
}

/** The hotline's commands (service-contract.md). */
export interface HotlineService {
  send(draft: ComposeDraft, actor: string): Promise<StoredMessage>;
  acknowledge(messageId: string, input: { body?: string }, actor: string): Promise<StoredMessage>;
  respond(messageId: string, input: { body: string; findings?: string; actions_taken?: string; evidence?: StixObject[] }, actor: string): Promise<StoredMessage>;
  close(messageId: string, input: { outcome: string; body?: string }, actor: string): Promise<StoredMessage>;
  consult(messageId: string, input: { subject?: string; body: string }, actor: string): Promise<StoredMessage>;
  ping(partyId: string, actor: string): Promise<StoredMessage>;
  answerPing(messageId: string, input: { body?: string }, actor: string): Promise<StoredMessage>;
  receive(envelope: { message: unknown; evidence: unknown[] }): Promise<ReceiveOutcome>;
  /** Receives the messages of one inbox envelope together (one transaction, one checkpoint); outcomes in order. */
  receiveAll(envelopes: readonly { message: unknown; evidence: unknown[] }[]): Promise<ReceiveOutcome[]>;
  /** Applies received replies held for ordering whose predecessor is now present (at node start); returns how many. */
  resumeHeld(): Promise<number>;
  checkDeadlines(now?: Date): Promise<Deadline[]>;
  evidenceOf(message: Message): Promise<StixObject[]>;
  receiptOf(messageId: string, recipient: string): Promise<TransportReceipt | undefined>;
}

function ownParty(directory: DirectorySnapshot): Party {
  if (!directory.own) throw new ParleyError('NOT_FOUND', 'this node has no own party');
  return directory.own;
}

/** The hotline service of one node. */
export class NodeHotlineService implements HotlineService {
  readonly #node: ParleyNode;
  readonly #dispatcher: Dispatcher;
  readonly #now: () => Date;
  readonly #order: ThreadOrder;
  readonly #signed = new SignedAgreements();
  readonly #directory: Directory;

  constructor(node: ParleyNode, dispatcher: Dispatcher, now: () => Date) {
    this.#node = node;
    this.#order = receivedOrder(node);
    this.#directory = new Directory(node.store.hotline, this.#signed);
    this.#dispatcher = dispatcher;
    this.#now = now;
  }

  async #self(): Promise<Party> {
    return ownParty(await this.#directory.snapshot());
  }

  async send(draft: ComposeDraft, actor: string): Promise<StoredMessage> {
    const { hotline, records } = this.#node.store;
    const directory = await this.#directory.snapshot();
    const self = ownParty(directory);
    if (!Array.isArray(draft.to) || draft.to.length === 0) throw new ParleyError('BAD_REQUEST', 'a message needs at least one recipient');
    for (const ref of draft.to) {
      if (ref === self.id) throw new ParleyError('BAD_REQUEST', 'a message cannot be sent to this node\'s own party');
      if (!directory.party(ref)) throw new ParleyError('UNKNOWN_PARTY', `${ref} is not a known party (parley party add)`);
    }
    const replyToId = draft.in_reply_to ?? draft.thread_id;
    const original = replyToId === undefined ? undefined : (await hotline.getMessage(replyToId))?.message;
    if (replyToId !== undefined && !original) throw new ParleyError('NOT_FOUND', `no message ${replyToId}`);
    const { agreement_ref: agreementRef, ...details } = draft.fields ?? {};
    const agreement = agreementFor(directory, self.id, draft.to, draft.kind, original?.agreement_ref ?? (typeof agreementRef === 'string' ? agreementRef : undefined));
    const evidence = [...(draft.evidence ?? []), ...(await this.#picked(draft.evidence_refs ?? []))];
    await checkOutgoingTlp(evidence, draft.to, draft.tlp, agreement, self, hotline, records);
    const at = this.#now();
    const signer = this.#node.keyring.signer(self, at.getTime());
    const message = signObject(buildMessage({
      kind: draft.kind, senderRef: self.id, recipientRefs: draft.to, agreementRef: agreement.id, priority: draft.priority,
      lang: draft.language, subject: draft.subject, body: draft.body, tlp: draft.tlp, evidence,
      ...(original ? { replyTo: original } : {}), details: details as MessageDetails, at,
    }), signer);
    await checkSendForward(message, evidence, agreement, hotline, records);
    // A dispatcher able to queue inside the commit's own transaction does (the deliveries then exist exactly when the
    // sent message does); it is told once the commit is final, since a rolled-back group is committed again one by one.
    const queueWithin = this.#dispatcher.queueWithin?.bind(this.#dispatcher);
    let queued: (() => void) | undefined;
    const queue = queueWithin && (async () => { queued = await queueWithin(message, evidence, message.recipient_refs); });
    const stored = await commitInGroup(this.#node, { message, evidence, direction: 'sent', agreement, self, actor, at: at.toISOString(), ...(queue ? { queue } : {}) });
    if (queued) queued();
    else await this.#dispatcher.dispatch(message, evidence, message.recipient_refs);
    return stored.stored;
  }

  async #picked(refs: readonly { collection_id: string; object_id: string }[]): Promise<StixObject[]> {
    const out: StixObject[] = [];
    for (const ref of refs) {
      const page = await this.#node.store.objects.query({ collection: ref.collection_id, ids: [ref.object_id], versions: { last: true, first: false, all: false, at: [] }, limit: 1 });
      const version = page.objects.at(-1);
      if (!version) throw new ParleyError('NOT_FOUND', `no object ${ref.object_id} in collection ${ref.collection_id}`);
      const object = JSON.parse(version.json) as StixObject;
      out.push(object);
    }
    return out;
  }

  async #reply(messageId: string, kind: MessageKind, input: { subject?: string; body?: string; fields?: Record<string, unknown>; evidence?: StixObject[] }, actor: string): Promise<StoredMessage> {
    const self = await this.#self();
    const original = (await this.#node.store.hotline.getMessage(messageId))?.message;
    if (!original) throw new ParleyError('NOT_FOUND', `no message ${messageId}`);
    const others = [original.sender_ref, ...original.recipient_refs].filter((ref) => ref !== self.id);
    const to = kind === 'closure' || kind === 'consultation' ? others : [original.sender_ref];
    if (to.includes(self.id) || to.length === 0) throw new ParleyError('BAD_REQUEST', `message ${messageId} was sent by this node; only its recipients can ${kind === 'acknowledgement' ? 'acknowledge' : 'answer'} it`);
    return this.send({
      kind, to, in_reply_to: original.id, priority: original.priority, tlp: messageTlp(original), language: original.lang,
      subject: input.subject ?? `${kind === 'closure' ? 'Closed' : 'Re'}: ${original.subject.replace(/^(Re|Closed): /, '')}`,
      body: input.body ?? '', ...(input.fields ? { fields: input.fields } : {}), ...(input.evidence ? { evidence: input.evidence } : {}),
    }, actor);
  }

  acknowledge(messageId: string, input: { body?: string }, actor: string): Promise<StoredMessage> {
    return this.#reply(messageId, 'acknowledgement', { body: input.body ?? 'Received.' }, actor);
  }

  respond(messageId: string, input: { body: string; findings?: string; actions_taken?: string; evidence?: StixObject[] }, actor: string): Promise<StoredMessage> {
    const fields: Record<string, unknown> = {};
    if (input.findings) fields.findings = input.findings;
    if (input.actions_taken) fields.actions_taken = input.actions_taken;
    if (!input.findings && !input.actions_taken) fields.findings = input.body;
    return this.#reply(messageId, 'response', { body: input.body, fields, ...(input.evidence ? { evidence: input.evidence } : {}) }, actor);
  }

  close(messageId: string, input: { outcome: string; body?: string }, actor: string): Promise<StoredMessage> {
    return this.#reply(messageId, 'closure', { body: input.body ?? '', fields: { outcome: input.outcome } }, actor);
  }

  consult(messageId: string, input: { subject?: string; body: string }, actor: string): Promise<StoredMessage> {
    return this.#reply(messageId, 'consultation', input, actor);
  }

  async ping(partyId: string, actor: string): Promise<StoredMessage> {
    const directory = await this.#directory.snapshot();
    const agreement = agreementFor(directory, ownParty(directory).id, [partyId], 'ping');
    return this.send({
      kind: 'ping', to: [partyId], priority: 'routine', tlp: agreement.rules.default_tlp, language: agreement.rules.working_languages[0] ?? 'en',
      subject: 'Communication check', body: 'Please reply by hand.', fields: { agreement_ref: agreement.id },
    }, actor);
  }

  answerPing(messageId: string, input: { body?: string }, actor: string): Promise<StoredMessage> {
    return this.#reply(messageId, 'ping-reply', { body: input.body ?? `Answered by ${actor}.` }, actor);
  }

  receive(envelope: { message: unknown; evidence: unknown[] }): Promise<ReceiveOutcome> {
    return receiveMessage(this.#node, this.#order, envelope, this.#now, this.#signed);
  }

  receiveAll(envelopes: readonly { message: unknown; evidence: unknown[] }[]): Promise<ReceiveOutcome[]> {
    return receiveMessages(this.#node, this.#order, envelopes, this.#now, this.#signed);
  }

  async resumeHeld(): Promise<number> {
    const self = await this.#self();
    return this.#node.store.transaction(async () =>
      (await this.#order.resume(applyReceived(this.#node, self, () => this.#now().toISOString()))).length);
  }

  checkDeadlines(now?: Date): Promise<Deadline[]> {
    return checkDeadlines(this.#node, now ?? this.#now());
  }

  async evidenceOf(message: Message): Promise<StixObject[]> {
    return await this.#node.store.records.evidenceOf(message.id);
  }

  async receiptOf(messageId: string, recipient: string): Promise<TransportReceipt | undefined> {
    return await this.#node.store.records.heldReceipt(messageId, recipient);
  }
}
