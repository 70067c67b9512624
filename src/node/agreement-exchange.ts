import { ParleyError } from '../errors.ts';
import { amendAgreement, parseAgreement, proposeAgreement, signAgreement, signatureStatus, type Agreement, type AgreementAmendment, type AgreementProposal } from '../hotline/agreement.ts';
import { objectDigest } from '../ledger/log-entry.ts';
import type { StixObject } from '../federation/delivery-transport.ts';
import { postEnvelope } from '../federation/taxii-envelope-post.ts';
import { partyIndex } from './compose-checks.ts';
import { deliveryTarget } from './delivery-recorder.ts';
import type { ParleyNode } from './parley-node.ts';
import { taxiiOutboxWriter } from './pull-mode.ts';

/** The outcome of sending an agreement version to one party. */
export interface AgreementDelivery {
  partyId: string;
  ok: boolean;
  reason?: string;
  /** True when the party pulls from this node: the version was published in its outbox collection. */
  published?: boolean;
}

/** Drafts version 1, signs it for this node's party, stores and logs it, and sends it to the other parties. */
export async function proposeAndSend(node: ParleyNode, proposal: Omit<AgreementProposal, 'proposerRef'>): Promise<{ agreement: Agreement; deliveries: AgreementDelivery[] }> {
  const self = node.self;
  const partyRefs = proposal.partyRefs.includes(self.id) ? proposal.partyRefs : [self.id, ...proposal.partyRefs];
  for (const ref of partyRefs) if (!(await node.store.hotline.getParty(ref))) throw new ParleyError('UNKNOWN_PARTY', `${ref} is not a known party`);
  const draft = proposeAgreement({ ...proposal, partyRefs, proposerRef: self.id });
  const signed = signAgreement(draft, node.keyring.signer(self, Date.parse(draft.modified)));
  const agreement = await storeAgreement(node, signed);
  return { agreement, deliveries: await sendToOthers(node, agreement) };
}

/** Adds this node's signature to the latest version of an agreement, stores it and sends it to the other parties. */
export async function signAndSend(node: ParleyNode, id: string): Promise<{ agreement: Agreement; deliveries: AgreementDelivery[] }> {
  const versions = await node.store.hotline.getAgreementVersions(id);
  const latest = versions.at(-1);
  if (!latest) throw new ParleyError('NOT_FOUND', `no agreement ${id}`);
  const signed = signAgreement(latest, node.keyring.signer(node.self, Date.parse(latest.modified)));
  const agreement = await storeAgreement(node, signed);
  return { agreement, deliveries: await sendToOthers(node, agreement) };
}

/**
 * Drafts the next version of an agreement with `changes`, signs it for this node's party, stores, logs and sends it.
 * The version in force stays in force until every party has signed the new one.
 */
export async function amendAndSend(node: ParleyNode, id: string, changes: AgreementAmendment, at: Date = new Date()): Promise<{ agreement: Agreement; deliveries: AgreementDelivery[] }> {
  const latest = (await node.store.hotline.getAgreementVersions(id)).at(-1);
  if (!latest) throw new ParleyError('NOT_FOUND', `no agreement ${id}`);
  if (!latest.party_refs.includes(node.self.id)) throw new ParleyError('FORBIDDEN', `${node.self.name} is not a party to agreement ${id}`);
  const partyRefs = changes.party_refs ?? latest.party_refs;
  if (!partyRefs.includes(node.self.id)) throw new ParleyError('BAD_REQUEST', `an amendment cannot remove its proposer ${node.self.name} from the parties`);
  for (const ref of partyRefs) if (!(await node.store.hotline.getParty(ref))) throw new ParleyError('UNKNOWN_PARTY', `${ref} is not a known party`);
  const draft = amendAgreement(latest, changes, at);
  const signed = signAgreement(draft, node.keyring.signer(node.self, Date.parse(draft.modified)));
  const agreement = await storeAgreement(node, signed);
  return { agreement, deliveries: await sendToOthers(node, agreement) };
}

/**
 * An agreement version arriving in the inbox: it must name this node's party, and every signature on it must be
 * a valid one by a known party. Signatures already held for the same version are kept (merged).
 */
export async function receiveAgreement(node: ParleyNode, value: unknown): Promise<Agreement> {
  const agreement = parseAgreement(value);
  if (!agreement.party_refs.includes(node.self.id)) throw new ParleyError('RECIPIENT_MISMATCH', `agreement ${agreement.id} is not between parties including ${node.self.id}`);
  const status = signatureStatus(agreement, await partyIndex(node.store.hotline));
  if (status.invalid.length > 0) throw new ParleyError(status.invalid[0]!.error.code, status.invalid[0]!.error.message);
  if (status.signed.length === 0) throw new ParleyError('SIGNATURE_INVALID', `agreement ${agreement.id} carries no signature`);
  return storeAgreement(node, agreement);
}

async function storeAgreement(node: ParleyNode, incoming: Agreement): Promise<Agreement> {
  const { hotline } = node.store;
  return node.store.transaction(async () => {
    const held = (await hotline.getAgreementVersions(incoming.id)).find((v) => v.version === incoming.version);
    const merged = [...(held?.signatures ?? []).filter((s) => !incoming.signatures?.some((t) => t.party_ref === s.party_ref)), ...(incoming.signatures ?? [])];
    const agreement: Agreement = { ...incoming, signatures: merged.sort((a, b) => a.party_ref.localeCompare(b.party_ref)) };
    await hotline.putAgreementVersion(agreement);
    await node.log.append({
      kind: 'agreement', object_id: agreement.id, object_modified: agreement.modified, digest: objectDigest(agreement),
      detail: { version: agreement.version, signed_by: agreement.signatures!.map((s) => s.party_ref) },
    });
    return agreement;
  });
}

async function sendToOthers(node: ParleyNode, agreement: Agreement): Promise<AgreementDelivery[]> {
  return Promise.all(agreement.party_refs.filter((ref) => ref !== node.self.id).map(async (partyId): Promise<AgreementDelivery> => {
    try {
      if ((await node.store.links.delivery(partyId)).outgoing === 'pull') {
        await taxiiOutboxWriter(node).write(partyId, [agreement as unknown as StixObject]);
        return { partyId, ok: true, published: true };
      }
      const answer = await postEnvelope(await deliveryTarget(node, partyId), [agreement]);
      const body = (answer.body ?? {}) as { failures?: { id?: string; message?: string }[]; description?: string };
      if (answer.status !== 202) return { partyId, ok: false, reason: body.description ?? `HTTP ${answer.status}` };
      const failure = body.failures?.find((f) => f.id === agreement.id);
      return failure ? { partyId, ok: false, reason: failure.message ?? 'rejected' } : { partyId, ok: true };
    } catch (error) {
      return { partyId, ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }));
}
