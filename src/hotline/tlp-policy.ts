import type { TlpLevel } from './tlp.ts';

/**
 * How close a party stands to the original disclosure of an object, from closest to farthest:
 * a named recipient (or the originator), a member of a recipient organisation, a client of a recipient
 * organisation, a member of the community (the parties of the agreement), anyone.
 */
export type Audience = 'named-recipient' | 'recipient-organisation' | 'recipient-client' | 'community' | 'public';

const AUDIENCE_ORDER: readonly Audience[] = ['named-recipient', 'recipient-organisation', 'recipient-client', 'community', 'public'];

// FIRST TLP 2.0: the widest audience each level permits.
const WIDEST_AUDIENCE: Readonly<Record<TlpLevel, Audience>> = Object.freeze({
  red: 'named-recipient',
  'amber+strict': 'recipient-organisation',
  amber: 'recipient-client',
  green: 'community',
  clear: 'public',
});

/** What the policy needs to know about the original disclosure and the prospective recipient. */
export interface DisclosureContext {
  /** Who made the object (or first disclosed it); always entitled to it. */
  originatorRef?: string;
  /** The named recipients of the message that disclosed the object. */
  namedRecipientRefs: readonly string[];
  /** The party the object would go to. */
  targetRef: string;
  /** The organisation the target belongs to, when it is part of a larger one (defaults to itself). */
  targetOrganisationRef?: string;
  /** Organisations of which the target is a client. */
  targetClientOfRefs?: readonly string[];
  /** Whether the target needs the object to act (TLP:AMBER allows clients only on need-to-know). */
  needToKnow?: boolean;
  /** The community the information was shared in (e.g. the agreement's parties). */
  communityRefs: readonly string[];
}

/** The closest audience the target belongs to, given the original disclosure. */
export function audienceOf(context: DisclosureContext): Audience {
  const { targetRef, namedRecipientRefs } = context;
  if (targetRef === context.originatorRef || namedRecipientRefs.includes(targetRef)) return 'named-recipient';
  const organisation = context.targetOrganisationRef ?? targetRef;
  if (namedRecipientRefs.includes(organisation)) return 'recipient-organisation';
  if (context.needToKnow && (context.targetClientOfRefs ?? []).some((ref) => namedRecipientRefs.includes(ref))) {
    return 'recipient-client';
  }
  if (context.communityRefs.includes(targetRef) || context.communityRefs.includes(organisation)) return 'community';
  return 'public';
}

/** True when TLP `level` lets an object reach an audience. */
export function tlpPermitsAudience(level: TlpLevel, audience: Audience): boolean {
  return AUDIENCE_ORDER.indexOf(audience) <= AUDIENCE_ORDER.indexOf(WIDEST_AUDIENCE[level]);
}

/** May an object marked `level` go to the target described by the context? */
export function mayDisclose(level: TlpLevel, context: DisclosureContext): boolean {
  return tlpPermitsAudience(level, audienceOf(context));
}
