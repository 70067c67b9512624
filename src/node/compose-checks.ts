import { ParleyError } from '../errors.ts';
import type { Agreement } from '../hotline/agreement.ts';
import type { StixObject } from '../hotline/evidence.ts';
import { mayForward } from '../hotline/forward-policy.ts';
import type { Message } from '../hotline/message.ts';
import type { MessageKind } from '../hotline/message-kinds.ts';
import type { Party } from '../hotline/party.ts';
import { mayDisclose } from '../hotline/tlp-policy.ts';
import { effectiveTlp, type TlpLevel } from '../hotline/tlp.ts';
import type { HotlineStore } from '../store/hotline-store.ts';
import type { NodeRecordStore } from '../store/node-record-store.ts';
import type { DirectorySnapshot } from './directory.ts';

/** A lookup of every known party (own and counterparts) for the synchronous agreement checks. */
export async function partyIndex(hotline: HotlineStore): Promise<(id: string) => Party | undefined> {
  const parties = new Map((await hotline.listParties()).map(({ party }) => [party.id, party]));
  return (id) => parties.get(id);
}

/** The agreement version in force that covers the sender, every recipient and the kind; AGREEMENT_NOT_IN_FORCE or FORBIDDEN otherwise. */
export function agreementFor(
  directory: DirectorySnapshot, senderRef: string, recipients: readonly string[], kind: MessageKind, agreementId?: string,
): Agreement {
  let forbidden: Agreement | undefined;
  for (const id of agreementId ? [agreementId] : directory.agreementIds) {
    const inForce = directory.inForce(id);
    if (!inForce || ![senderRef, ...recipients].every((ref) => inForce.party_refs.includes(ref))) continue;
    if (inForce.rules.message_kinds.includes(kind)) return inForce;
    forbidden = inForce;
  }
  if (forbidden) throw new ParleyError('FORBIDDEN', `agreement ${forbidden.id} does not provide for ${kind} messages`);
  const what = agreementId ? `agreement ${agreementId} is not in force` : 'no agreement in force';
  throw new ParleyError('AGREEMENT_NOT_IN_FORCE', `${what} between ${[senderRef, ...recipients].join(', ')}`);
}

/**
 * Refuses to pass on an object a third party made when its TLP does not allow each recipient: judged against the
 * message it arrived in when this node received it, otherwise with this node as its only named recipient.
 */
export async function checkOutgoingTlp(
  evidence: readonly StixObject[], recipients: readonly string[], messageLevel: TlpLevel, agreement: Agreement,
  self: Party, hotline: HotlineStore, records: NodeRecordStore,
): Promise<void> {
  for (const object of evidence) {
    const maker = typeof object.created_by_ref === 'string' ? object.created_by_ref : undefined;
    if (maker === undefined || maker === self.id) continue;
    const carriers: Message[] = [];
    for (const id of await records.messagesCarrying(object.id)) {
      const stored = await hotline.getMessage(id);
      if (stored?.direction === 'received') carriers.push(stored.message);
    }
    for (const target of recipients) {
      const decisions = carriers.length > 0
        ? carriers.map((m) => mayForward(object, m, { targetRef: target }, agreement.party_refs))
        : [{ level: effectiveTlp(object, messageLevel), allowed: false }].map((d) => ({
          ...d,
          allowed: mayDisclose(d.level, { originatorRef: maker, namedRecipientRefs: [self.id], targetRef: target, communityRefs: agreement.party_refs }),
        }));
      if (!decisions.some((d) => d.allowed)) {
        throw new ParleyError('TLP_VIOLATION', `${object.id} from ${maker} is TLP:${decisions[0]!.level.toUpperCase()}; it may not go on to ${target}`);
      }
    }
  }
}
