import { partyExtension, type Party } from '../../hotline/party.ts';
import type { StoredMessage } from '../../store/hotline-store.ts';
import { partyDormancy } from '../../federation/party-dormancy.ts';
import { checkHistory, checkStats, type CheckStats } from './communication-checks.ts';
import type { PartyDirectory } from './party-directory.ts';

/** A party in the directory (api-contract: PartyView). */
export interface PartyView {
  id: string;
  name: string;
  identity_class: string;
  sectors?: string[];
  node: { api_root: string; inbox_collection: string };
  keys: { key_id: string; public_key: string; valid_from: string; valid_until: string | null }[];
  points_of_contact: { name: string; role: string; languages: string[]; hours: string; time_zone: string; email: string; phone: string }[];
  is_self: boolean;
  checks: CheckStats;
  dormant: boolean;
}

/** Working hours as one line ("mon-fri 09:00-17:30", or "24/7" for a desk that never closes). */
export function hoursLine(hours: { days: string[]; start: string; end: string } | undefined): string {
  if (!hours) return '24/7';
  return `${hours.days.join(', ')} ${hours.start}-${hours.end}`;
}

/** Builds the directory view of one party, with its communication checks and dormancy. */
export function partyView(party: Party, directory: PartyDirectory, messages: readonly StoredMessage[], now: number): PartyView {
  const ext = partyExtension(party);
  const isSelf = party.id === directory.self.id;
  const checks = checkStats(isSelf ? [] : checkHistory(messages, party.id));
  const inForce = directory.agreements.flatMap((a) => (a.inForce && a.inForce.party_refs.includes(directory.self.id) ? [a.inForce] : []));
  return {
    id: party.id,
    name: party.name,
    identity_class: party.identity_class ?? 'organization',
    ...(party.sectors ? { sectors: party.sectors } : {}),
    node: { api_root: ext.taxii.api_root, inbox_collection: ext.taxii.inbox_collection_id },
    keys: ext.signing_keys.map((k) => ({ key_id: k.key_id, public_key: k.public_key, valid_from: k.valid_from, valid_until: k.valid_until ?? null })),
    points_of_contact: ext.contacts.map((c) => ({
      name: c.name, role: c.role, languages: c.languages, hours: hoursLine(c.working_hours), time_zone: c.time_zone,
      email: c.email ?? '', phone: c.phone ?? '',
    })),
    is_self: isSelf,
    checks,
    dormant: !isSelf && partyDormancy(messages.map((m) => m.message), directory.self.id, party.id, inForce, now).dormant,
  };
}

/** The directory: own party first, then dormant counterparts, then the rest by name. */
export function directoryViews(directory: PartyDirectory, messages: readonly StoredMessage[], now: number): PartyView[] {
  return [...directory.parties.values()].map((p) => partyView(p, directory, messages, now)).sort((a, b) =>
    Number(b.is_self) - Number(a.is_self) || Number(b.dormant) - Number(a.dormant) || a.name.localeCompare(b.name));
}
