import { signatureStatus, type Agreement } from '../../hotline/agreement.ts';
import type { TlpLevel } from '../../hotline/tlp.ts';
import type { PartyDirectory, PartyRef } from './party-directory.ts';

/** An agreement with its versions and verified signatures (api-contract: AgreementView). */
export interface AgreementView {
  id: string;
  version: number;
  title: string;
  description: string | null;
  parties: PartyRef[];
  protected_sectors: string[];
  commitments: string[];
  rules: {
    kinds: string[];
    deadlines: { kind: string; priority: string; acknowledge_seconds: number; respond_seconds: number | null }[];
    default_tlp: TlpLevel;
    languages: string[];
    check_interval_seconds: number;
  };
  signatures: { party_id: string; signed_at: string; key_id: string; verified: boolean }[];
  in_force: boolean;
  versions: { version: number; modified: string; in_force: boolean }[];
}

/**
 * The view of an agreement: the version in force if there is one (else the latest), every version listed.
 * `commitments` are the per-party protected sectors written as sentences.
 */
export function agreementView(entry: { versions: Agreement[]; inForce: Agreement | undefined }, directory: PartyDirectory): AgreementView {
  const shown = entry.inForce ?? entry.versions[entry.versions.length - 1];
  const status = signatureStatus(shown, directory.find);
  return {
    id: shown.id,
    version: shown.version,
    title: shown.name,
    description: shown.description ?? null,
    parties: shown.party_refs.map(directory.ref),
    protected_sectors: [...new Set(shown.commitments.flatMap((c) => c.protected_sectors))].sort(),
    commitments: shown.commitments.map((c) => `${directory.ref(c.party_ref).name} protects ${c.protected_sectors.join(', ')}`),
    rules: {
      kinds: shown.rules.message_kinds,
      deadlines: shown.rules.deadlines.map((d) => ({
        kind: d.kind, priority: d.priority, acknowledge_seconds: d.acknowledge_minutes * 60,
        respond_seconds: d.respond_minutes === undefined ? null : d.respond_minutes * 60,
      })),
      default_tlp: shown.rules.default_tlp,
      languages: shown.rules.working_languages,
      check_interval_seconds: shown.rules.communication_check_hours * 3600,
    },
    // Parties sign the version as of its `modified` time, which is what the signature's key is checked against.
    signatures: (shown.signatures ?? []).map((s) => ({
      party_id: s.party_ref, signed_at: shown.modified, key_id: s.key_id, verified: status.signed.includes(s.party_ref),
    })),
    in_force: entry.inForce !== undefined,
    versions: entry.versions.map((v) => ({ version: v.version, modified: v.modified, in_force: v.version === entry.inForce?.version })),
  };
}

/** Every agreement, those in force first, then by title. */
export function agreementViews(directory: PartyDirectory): AgreementView[] {
  return directory.agreements.map((a) => agreementView(a, directory))
    .sort((a, b) => Number(b.in_force) - Number(a.in_force) || a.title.localeCompare(b.title));
}
