/** Every kind of hotline message. */
export const MESSAGE_KINDS = Object.freeze([
  'notification',
  'request',
  'consultation',
  'advance-notice',
  'acknowledgement',
  'response',
  'closure',
  'ping',
  'ping-reply',
] as const);
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The kinds that call for an answer, so they carry deadlines. */
export const AWAITED_KINDS = Object.freeze(['notification', 'request', 'consultation', 'advance-notice', 'ping'] as const);
export type AwaitedKind = (typeof AWAITED_KINDS)[number];

export const PRIORITIES = Object.freeze(['routine', 'urgent', 'flash'] as const);
export type Priority = (typeof PRIORITIES)[number];

/** True for a kind that carries deadlines. */
export function isAwaitedKind(kind: MessageKind): kind is AwaitedKind {
  return (AWAITED_KINDS as readonly string[]).includes(kind);
}

// Which kinds each answering kind may reply to; kinds absent here open a thread or follow up within one.
const REPLY_TARGETS: Readonly<Partial<Record<MessageKind, readonly MessageKind[]>>> = Object.freeze({
  acknowledgement: ['notification', 'request', 'consultation', 'advance-notice'],
  response: ['notification', 'request', 'consultation', 'advance-notice'],
  closure: ['notification', 'request', 'consultation', 'advance-notice', 'response'],
  'ping-reply': ['ping'],
});

/** The kinds a message of `kind` may reply to; undefined when it may reply to any kind (or to none). */
export function replyTargets(kind: MessageKind): readonly MessageKind[] | undefined {
  return REPLY_TARGETS[kind];
}
