import type { StixObject } from './evidence.ts';
import { messageTlp, type Message } from './message.ts';
import { mayDisclose } from './tlp-policy.ts';
import { effectiveTlp, type TlpLevel } from './tlp.ts';

/** The party an object would be forwarded to, and how it relates to the recipients' organisations. */
export interface ForwardTarget {
  targetRef: string;
  targetOrganisationRef?: string;
  targetClientOfRefs?: readonly string[];
  needToKnow?: boolean;
}

/** The decision on one forward, with the TLP that governed it. */
export interface ForwardDecision {
  allowed: boolean;
  level: TlpLevel;
}

/**
 * May `object`, disclosed in `message`, go on to `target`? The object's own TLP governs (unmarked objects inherit
 * the message's); the named recipients are the message's sender and recipients; its maker is always entitled.
 */
export function mayForward(object: StixObject, message: Message, target: ForwardTarget, communityRefs: readonly string[]): ForwardDecision {
  const level = effectiveTlp(object, messageTlp(message));
  const originatorRef = typeof object.created_by_ref === 'string' ? object.created_by_ref : message.sender_ref;
  const allowed = mayDisclose(level, {
    ...target,
    originatorRef,
    namedRecipientRefs: [message.sender_ref, ...message.recipient_refs],
    communityRefs,
  });
  return { allowed, level };
}
