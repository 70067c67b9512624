import { randomUUID } from 'node:crypto';
import { ParleyError } from '../errors.ts';
import { attachmentFor, type Attachment, type StixObject } from './evidence.ts';
import { MESSAGE_EXTENSION_ID, MESSAGE_TYPE } from './extension-definitions.ts';
import type { MessageKind, Priority } from './message-kinds.ts';
import { assertMatchesSchema } from './schema-validator.ts';
import type { Signature } from './signature.ts';
import { checkReply } from './thread-rules.ts';
import { parseTimestamp, stixTimestamp } from './timestamps.ts';
import { TLP2_MARKING_IDS, tlpOfObject, type TlpLevel } from './tlp.ts';

/** The regulatory reporting bases a notification may carry for the notifying party's own obligations. */
export interface RegulatoryReporting {
  regimes: ('nis2' | 'circia')[];
  awareness_time: string;
  ransom_payment_time?: string;
}

/** The properties only some kinds carry (see docs/hotline.md for which kind requires which). */
export interface MessageDetails {
  incident_ref?: string;
  sector?: string;
  severity?: 'low' | 'medium' | 'high' | 'critical';
  regulatory_reporting?: RegulatoryReporting;
  request_type?: 'information' | 'assistance' | 'action';
  requested_action?: string;
  activity_start?: string;
  activity_end?: string;
  findings?: string;
  actions_taken?: string;
  outcome?: 'resolved' | 'mitigated' | 'unresolved' | 'withdrawn';
}

/** A hotline message (STIX new-sdo `x-parley-message`). */
export interface Message extends MessageDetails {
  type: typeof MESSAGE_TYPE;
  spec_version: '2.1';
  id: string;
  created: string;
  modified: string;
  created_by_ref: string;
  kind: MessageKind;
  thread_id: string;
  in_reply_to_ref?: string;
  sender_ref: string;
  recipient_refs: string[];
  agreement_ref: string;
  priority: Priority;
  lang: string;
  subject: string;
  body: string;
  object_marking_refs: string[];
  attachments: Attachment[];
  extensions: { [MESSAGE_EXTENSION_ID]: { extension_type: 'new-sdo' } };
  signature?: Signature;
}

/** What it takes to write a message. */
export interface MessageInit {
  kind: MessageKind;
  senderRef: string;
  recipientRefs: string[];
  agreementRef: string;
  priority: Priority;
  lang: string;
  subject: string;
  body: string;
  tlp: TlpLevel;
  /** The STIX objects attached (the incident, indicators, …); the message carries their hashes. */
  evidence?: StixObject[];
  /** The message this one answers: sets the thread and is checked against the reply rules. */
  replyTo?: Message;
  details?: MessageDetails;
  id?: string;
  at?: Date | number;
}

/** Builds an unsigned message of any kind and checks it has what its kind requires. */
export function buildMessage(init: MessageInit): Message {
  const id = init.id ?? `${MESSAGE_TYPE}--${randomUUID()}`;
  const at = stixTimestamp(init.at ?? Date.now());
  const message = parseMessage({
    type: MESSAGE_TYPE,
    spec_version: '2.1',
    id,
    created: at,
    modified: at,
    created_by_ref: init.senderRef,
    kind: init.kind,
    thread_id: init.replyTo?.thread_id ?? id,
    ...(init.replyTo ? { in_reply_to_ref: init.replyTo.id } : {}),
    sender_ref: init.senderRef,
    recipient_refs: init.recipientRefs,
    agreement_ref: init.agreementRef,
    priority: init.priority,
    lang: init.lang,
    subject: init.subject,
    body: init.body,
    object_marking_refs: [TLP2_MARKING_IDS[init.tlp]],
    attachments: (init.evidence ?? []).map(attachmentFor),
    ...init.details,
    extensions: { [MESSAGE_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  });
  if (init.replyTo) checkReply(message, init.replyTo);
  return message;
}

/** Checks an untrusted value is a well-formed message of its kind; throws INVALID_STIX otherwise. */
export function parseMessage(value: unknown): Message {
  assertMatchesSchema('x-parley-message.json', value, 'message');
  const m = value as Message;
  const fail = (why: string) => new ParleyError('INVALID_STIX', `message ${m.id}: ${why}`);
  if (parseTimestamp(m.modified, 'modified') < parseTimestamp(m.created, 'created')) throw fail('modified is earlier than created');
  if (m.created_by_ref !== m.sender_ref) throw fail('created_by_ref must be the sender');
  if (m.recipient_refs.includes(m.sender_ref)) throw fail('the sender cannot be one of its recipients');
  if (m.in_reply_to_ref === undefined && m.thread_id !== m.id) throw fail('a message that replies to none starts its own thread (thread_id = id)');
  if (m.in_reply_to_ref !== undefined && m.thread_id === m.id) throw fail('a reply belongs to the thread of the message it answers');
  if (m.kind === 'ping' && m.in_reply_to_ref !== undefined) throw fail('a ping starts its own thread');
  if (m.object_marking_refs.filter((ref) => tlpOfObject({ object_marking_refs: [ref] }) !== undefined).length !== 1) {
    throw fail('exactly one TLP marking is required in object_marking_refs');
  }
  const attached = new Set(m.attachments.map((a) => a.object_ref));
  if (attached.size !== m.attachments.length) throw fail('an object is attached twice');
  if (m.incident_ref !== undefined && !attached.has(m.incident_ref)) throw fail('the incident must be attached');
  if (m.request_type === 'action' && ![...attached].some((ref) => ref.startsWith('indicator--'))) {
    throw fail('a request for action carries its evidence as at least one attached indicator');
  }
  if (m.activity_start !== undefined && m.activity_end !== undefined && Date.parse(m.activity_end) < Date.parse(m.activity_start)) {
    throw fail('activity_end is before activity_start');
  }
  const reg = m.regulatory_reporting;
  if (reg?.ransom_payment_time !== undefined && !reg.regimes.includes('circia')) throw fail('ransom_payment_time only applies to CIRCIA');
  return m;
}

/** The TLP level of a message (its single TLP marking). */
export function messageTlp(message: Message): TlpLevel {
  const level = tlpOfObject(message);
  if (!level) throw new ParleyError('TLP_VIOLATION', `message ${message.id} carries no TLP marking`);
  return level;
}
