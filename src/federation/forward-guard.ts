import { ParleyError } from '../errors.ts';
import { mayForward, type ForwardTarget } from '../hotline/forward-policy.ts';
import type { Message } from '../hotline/message.ts';
import type { TlpLevel } from '../hotline/tlp.ts';
import type { StixObject } from './delivery-transport.ts';

/** What the guard needs to know about one recipient and where each object came from. */
export interface ForwardContext {
  /** The recipient and how it relates to organisations (its organisation, whose client it is, need-to-know). */
  target: ForwardTarget;
  /** The community the information is shared in: the parties of the message's agreement. */
  communityRefs: readonly string[];
  /**
   * The message in which this node received an object, when it did: that first disclosure decides who may have
   * it. Undefined for objects this node made or discloses first (then the message being sent is the disclosure).
   */
  receivedIn: (objectId: string) => Message | undefined;
}

const WHO_MAY: Readonly<Record<TlpLevel, string>> = Object.freeze({
  red: 'named recipients only',
  'amber+strict': 'the recipient organisations only',
  amber: 'the recipient organisations and their clients with a need to know',
  green: 'the community only',
  clear: 'anyone',
});

/**
 * Checks that every object of the envelope (the message itself and each evidence object) may go to the target
 * under TLP 2.0; throws TLP_VIOLATION naming each forbidden object. Nothing is ever dropped silently: a refused
 * envelope is refused whole.
 */
export function checkForward(message: Message, evidence: readonly StixObject[], context: ForwardContext): void {
  const problems: string[] = [];
  const objects: StixObject[] = [message as unknown as StixObject, ...evidence];
  for (const object of objects) {
    const disclosure = object.id === message.id ? message : (context.receivedIn(object.id) ?? message);
    const decision = mayForward(object, disclosure, context.target, context.communityRefs);
    if (!decision.allowed) {
      const source = disclosure === message ? '' : ` (received in ${disclosure.id})`;
      problems.push(`${object.id}${source} is TLP:${decision.level.toUpperCase()}, for ${WHO_MAY[decision.level]}`);
    }
  }
  if (problems.length > 0) {
    throw new ParleyError('TLP_VIOLATION', `may not go to ${context.target.targetRef}: ${problems.join('; ')}`);
  }
}

/** The outbox guard: runs `checkForward` for each recipient with the context the node supplies. */
export function forwardGuard(contextFor: (recipient: string, message: Message) => ForwardContext) {
  return (message: Message, evidence: readonly StixObject[], recipient: string): void =>
    checkForward(message, evidence, contextFor(recipient, message));
}
