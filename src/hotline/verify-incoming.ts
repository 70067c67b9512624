import { ParleyError } from '../errors.ts';
import { versionInForce, type Agreement } from './agreement.ts';
import { checkEvidence, type StixObject } from './evidence.ts';
import { messageTlp, parseMessage, type Message } from './message.ts';
import type { Party } from './party.ts';
import { verifyObjectSignature } from './signature.ts';
import { checkReply } from './thread-rules.ts';
import { mayDisclose } from './tlp-policy.ts';
import { effectiveTlp } from './tlp.ts';

type MaybePromise<T> = T | Promise<T>;

/** What a receiving node knows when a message arrives. */
export interface IncomingContext {
  /** This node's own party id. */
  ownPartyRef: string;
  /** Known parties (own and counterparts) by identity id. */
  findParty(id: string): MaybePromise<Party | undefined>;
  /** Whether a message with this id was already received (or sent). */
  hasMessage(id: string): MaybePromise<boolean>;
  /** Every stored version of an agreement, with signatures. */
  agreementVersions(id: string): MaybePromise<readonly Agreement[]>;
  /** A stored message by id, to check a reply against the message it answers. */
  findMessage?(id: string): MaybePromise<Message | undefined>;
  /** The version in force among `versions` (default: versionInForce); a node passes one that remembers verdicts. */
  inForce?(versions: readonly Agreement[], findParty: (id: string) => Party | undefined): Agreement | undefined;
}

/** Accepted (with the agreement version in force), or rejected with the reason. */
export type IncomingVerdict = { ok: true; message: Message; agreement: Agreement } | { ok: false; error: ParleyError };

const reject = (code: ParleyError['code'], detail: string): IncomingVerdict => ({ ok: false, error: new ParleyError(code, detail) });

/**
 * Runs every check a node makes on an incoming message before storing it: form, sender, recipients, key validity,
 * signature, evidence hashes, replay, agreement in force, reply rules, TLP of forwarded objects.
 */
export async function verifyIncoming(value: unknown, objects: readonly StixObject[], ctx: IncomingContext): Promise<IncomingVerdict> {
  let message: Message;
  try {
    message = parseMessage(value);
  } catch (error) {
    if (error instanceof ParleyError) return { ok: false, error };
    throw error;
  }
  if (!message.signature) return reject('SIGNATURE_INVALID', `message ${message.id} is not signed`);
  const sender = await ctx.findParty(message.sender_ref);
  if (!sender) return reject('UNKNOWN_PARTY', `sender ${message.sender_ref} is not a known party`);
  if (!message.recipient_refs.includes(ctx.ownPartyRef)) {
    return reject('RECIPIENT_MISMATCH', `message ${message.id} is not addressed to this node's party ${ctx.ownPartyRef}`);
  }
  const signed = verifyObjectSignature(message, sender);
  if (!signed.ok) return signed;
  const evidence = checkEvidence(message.attachments, objects);
  if (!evidence.ok) return evidence;
  if (await ctx.hasMessage(message.id)) return reject('REPLAY', `message ${message.id} was already received`);

  const agreement = await agreementInForce(message, ctx);
  if (!agreement.ok) return agreement;
  if (!agreement.agreement.rules.message_kinds.includes(message.kind)) {
    return reject('FORBIDDEN', `agreement ${agreement.agreement.id} does not provide for ${message.kind} messages`);
  }
  if (message.in_reply_to_ref !== undefined && ctx.findMessage) {
    const original = await ctx.findMessage(message.in_reply_to_ref);
    if (original) {
      try {
        checkReply(message, original);
      } catch (error) {
        if (error instanceof ParleyError) return { ok: false, error };
        throw error;
      }
    }
  }
  const tlp = checkForwardedTlp(message, objects, agreement.agreement, ctx.ownPartyRef);
  if (!tlp.ok) return tlp;
  return { ok: true, message, agreement: agreement.agreement };
}

async function agreementInForce(
  message: Message,
  ctx: IncomingContext,
): Promise<{ ok: true; agreement: Agreement } | { ok: false; error: ParleyError }> {
  const versions = await ctx.agreementVersions(message.agreement_ref);
  const refs = new Set(versions.flatMap((v) => v.party_refs));
  const parties = new Map<string, Party>();
  for (const ref of refs) {
    const party = await ctx.findParty(ref);
    if (party) parties.set(ref, party);
  }
  const inForce = (ctx.inForce ?? versionInForce)(versions, (id) => parties.get(id));
  if (!inForce) return { ok: false, error: new ParleyError('AGREEMENT_NOT_IN_FORCE', `agreement ${message.agreement_ref} is not in force (unknown or not signed by every party)`) };
  const outside = [message.sender_ref, ...message.recipient_refs].find((ref) => !inForce.party_refs.includes(ref));
  if (outside) {
    return { ok: false, error: new ParleyError('AGREEMENT_NOT_IN_FORCE', `${outside} is not a party to agreement ${inForce.id} version ${inForce.version}`) };
  }
  return { ok: true, agreement: inForce };
}

/**
 * An object made by a third party reaches this node only as a forward by the sender: its TLP must allow that.
 * The sender's own objects (and the message itself) were disclosed to us directly as a named recipient.
 */
function checkForwardedTlp(message: Message, objects: readonly StixObject[], agreement: Agreement, ownPartyRef: string): IncomingVerdict | { ok: true } {
  const level = messageTlp(message);
  for (const { object_ref } of message.attachments) {
    for (const object of objects.filter((o) => o.id === object_ref)) {
      const originator = typeof object.created_by_ref === 'string' ? object.created_by_ref : undefined;
      if (originator === undefined || originator === message.sender_ref) continue;
      const objectLevel = effectiveTlp(object, level);
      const allowed = mayDisclose(objectLevel, {
        originatorRef: originator,
        namedRecipientRefs: [message.sender_ref],
        targetRef: ownPartyRef,
        communityRefs: agreement.party_refs,
      });
      if (!allowed) {
        return reject('TLP_VIOLATION', `${object_ref} from ${originator} is TLP:${objectLevel.toUpperCase()}; ${message.sender_ref} may not pass it on to ${ownPartyRef}`);
      }
    }
  }
  return { ok: true };
}
