import { ParleyError } from '../errors.ts';
import type { Message } from './message.ts';
import { replyTargets } from './message-kinds.ts';

// The kinds whose sender must have received the message answered: a party acknowledges what it was sent.
const ANSWERED_BY_RECIPIENT = new Set(['acknowledgement', 'response', 'ping-reply']);

/** Checks that `reply` may answer `original`: same thread and agreement, a suitable kind, a fitting sender. */
export function checkReply(reply: Message, original: Message): void {
  const fail = (why: string) => new ParleyError('INVALID_REPLY', `${reply.kind} ${reply.id}: ${why}`);
  if (reply.in_reply_to_ref !== original.id) throw fail(`replies to ${reply.in_reply_to_ref ?? 'nothing'}, not ${original.id}`);
  if (reply.thread_id !== original.thread_id) throw fail(`is in thread ${reply.thread_id}, the message it answers in ${original.thread_id}`);
  if (reply.agreement_ref !== original.agreement_ref) throw fail('is under another agreement than the message it answers');
  const targets = replyTargets(reply.kind);
  if (targets && !targets.includes(original.kind)) throw fail(`cannot answer a ${original.kind} (only ${targets.join(', ')})`);
  const participants = [original.sender_ref, ...original.recipient_refs];
  if (!participants.includes(reply.sender_ref)) throw fail(`sender ${reply.sender_ref} took no part in the message it answers`);
  if (ANSWERED_BY_RECIPIENT.has(reply.kind) && !original.recipient_refs.includes(reply.sender_ref)) {
    throw fail(`sender ${reply.sender_ref} was not a recipient of the ${original.kind}`);
  }
  if (Date.parse(reply.created) < Date.parse(original.created)) throw fail('is dated before the message it answers');
}
