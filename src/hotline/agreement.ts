import { randomUUID } from 'node:crypto';
import { ParleyError } from '../errors.ts';
import { AGREEMENT_EXTENSION_ID, AGREEMENT_TYPE } from './extension-definitions.ts';
import type { AwaitedKind, MessageKind, Priority } from './message-kinds.ts';
import type { Party } from './party.ts';
import { assertMatchesSchema } from './schema-validator.ts';
import { addPartySignature, verifyContentSignature, type PartySignature, type Signer } from './signature.ts';
import { parseTimestamp, stixTimestamp } from './timestamps.ts';
import type { TlpLevel } from './tlp.ts';

/** The deadline to acknowledge and (optionally) respond to one kind of message at one priority. */
export interface DeadlineRule {
  kind: AwaitedKind;
  priority: Priority;
  acknowledge_minutes: number;
  respond_minutes?: number;
}

/** The rules the parties agree to. */
export interface AgreementRules {
  message_kinds: MessageKind[];
  deadlines: DeadlineRule[];
  default_tlp: TlpLevel;
  working_languages: string[];
  communication_check_hours: number;
}

/** What one party commits to protect. */
export interface Commitment {
  party_ref: string;
  protected_sectors: string[];
}

/** One version of an agreement (STIX new-sdo `x-parley-agreement`). */
export interface Agreement {
  type: typeof AGREEMENT_TYPE;
  spec_version: '2.1';
  id: string;
  created: string;
  modified: string;
  created_by_ref: string;
  name: string;
  description?: string;
  version: number;
  party_refs: string[];
  commitments: Commitment[];
  rules: AgreementRules;
  object_marking_refs?: string[];
  /** STIX common property: a revoked agreement is never in force. */
  revoked?: boolean;
  extensions: { [AGREEMENT_EXTENSION_ID]: { extension_type: 'new-sdo' } };
  signatures?: PartySignature[];
}

/** What a proposal states. */
export interface AgreementProposal {
  proposerRef: string;
  partyRefs: string[];
  name: string;
  description?: string;
  commitments: Commitment[];
  rules: AgreementRules;
  id?: string;
  at?: Date | number;
}

/** Drafts version 1 of an agreement, unsigned. */
export function proposeAgreement(proposal: AgreementProposal): Agreement {
  const at = stixTimestamp(proposal.at ?? Date.now());
  return parseAgreement({
    type: AGREEMENT_TYPE,
    spec_version: '2.1',
    id: proposal.id ?? `${AGREEMENT_TYPE}--${randomUUID()}`,
    created: at,
    modified: at,
    created_by_ref: proposal.proposerRef,
    name: proposal.name,
    ...(proposal.description === undefined ? {} : { description: proposal.description }),
    version: 1,
    party_refs: proposal.partyRefs,
    commitments: proposal.commitments,
    rules: proposal.rules,
    extensions: { [AGREEMENT_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  });
}

/** Checks an untrusted value is a well-formed agreement version; throws INVALID_STIX otherwise. */
export function parseAgreement(value: unknown): Agreement {
  assertMatchesSchema('x-parley-agreement.json', value, 'agreement');
  const agreement = value as Agreement;
  const fail = (why: string) => new ParleyError('INVALID_STIX', `agreement ${agreement.id}: ${why}`);
  if (parseTimestamp(agreement.modified, 'modified') < parseTimestamp(agreement.created, 'created')) throw fail('modified is earlier than created');
  if (!agreement.party_refs.includes(agreement.created_by_ref)) throw fail('the proposer must be one of its parties');
  for (const c of agreement.commitments) if (!agreement.party_refs.includes(c.party_ref)) throw fail(`commitment by ${c.party_ref}, not a party`);
  const seen = new Set<string>();
  for (const rule of agreement.rules.deadlines) {
    const key = `${rule.kind}/${rule.priority}`;
    if (seen.has(key)) throw fail(`two deadline rules for ${key}`);
    seen.add(key);
    if (!agreement.rules.message_kinds.includes(rule.kind)) throw fail(`deadline for ${rule.kind}, which the agreement does not use`);
    if (rule.respond_minutes !== undefined && rule.respond_minutes < rule.acknowledge_minutes) throw fail(`${key}: respond before acknowledge`);
  }
  for (const s of agreement.signatures ?? []) if (!agreement.party_refs.includes(s.party_ref)) throw fail(`signature by ${s.party_ref}, not a party`);
  return agreement;
}

/** A party signs this version (over the same canonical content as every other party). */
export function signAgreement(agreement: Agreement, signer: Signer): Agreement {
  if (!agreement.party_refs.includes(signer.partyRef)) {
    throw new ParleyError('FORBIDDEN', `${signer.partyRef} is not a party to agreement ${agreement.id}`);
  }
  return addPartySignature(agreement, signer);
}

/** Who has validly signed this version, who has not, and whose signature fails (with the reason). */
export interface SignatureStatus {
  signed: string[];
  missing: string[];
  invalid: { partyRef: string; error: ParleyError }[];
}

/** Checks each party's signature; keys must be valid at the version's `modified` time. */
export function signatureStatus(agreement: Agreement, findParty: (id: string) => Party | undefined): SignatureStatus {
  const status: SignatureStatus = { signed: [], missing: [], invalid: [] };
  for (const partyRef of agreement.party_refs) {
    const signature = agreement.signatures?.find((s) => s.party_ref === partyRef);
    const party = findParty(partyRef);
    if (!signature) status.missing.push(partyRef);
    else if (!party) status.invalid.push({ partyRef, error: new ParleyError('UNKNOWN_PARTY', `party ${partyRef} is not known`) });
    else {
      const verdict = verifyContentSignature(agreement, signature, party, agreement.modified);
      if (verdict.ok) status.signed.push(partyRef);
      else status.invalid.push({ partyRef, error: verdict.error });
    }
  }
  return status;
}

/** True when every party has validly signed this version. */
export function isFullySigned(agreement: Agreement, findParty: (id: string) => Party | undefined): boolean {
  const status = signatureStatus(agreement, findParty);
  return status.missing.length === 0 && status.invalid.length === 0;
}

/** The version in force among an agreement's versions: the latest fully signed one (none: not in force). */
export function versionInForce(versions: readonly Agreement[], findParty: (id: string) => Party | undefined): Agreement | undefined {
  return [...versions].sort((a, b) => b.version - a.version).find((v) => !v.revoked && isFullySigned(v, findParty));
}

/** The changes an amendment may make. */
export type AgreementAmendment = Partial<Pick<Agreement, 'name' | 'description' | 'party_refs' | 'commitments' | 'rules'>>;

/** Drafts the next version: same id and created, later modified, version + 1, no signatures yet. */
export function amendAgreement(previous: Agreement, changes: AgreementAmendment, at: Date | number = Date.now()): Agreement {
  const modified = Math.max(new Date(at).getTime(), Date.parse(previous.modified) + 1);
  const { signatures: _dropped, ...base } = previous;
  return parseAgreement({ ...base, ...changes, modified: stixTimestamp(modified), version: previous.version + 1 });
}

/** The deadline rule for a kind and priority, if the agreement sets one. */
export function deadlineRule(agreement: Agreement, kind: MessageKind, priority: Priority): DeadlineRule | undefined {
  return agreement.rules.deadlines.find((r) => r.kind === kind && r.priority === priority);
}
