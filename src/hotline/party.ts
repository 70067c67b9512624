import { randomUUID } from 'node:crypto';
import { ParleyError } from '../errors.ts';
import { publicKeyFromBase64url } from '../ledger/sign.ts';
import { PARTY_EXTENSION_ID } from './extension-definitions.ts';
import { assertMatchesSchema } from './schema-validator.ts';
import { parseTimestamp, stixTimestamp } from './timestamps.ts';

/** A public Ed25519 signing key with its validity period (so keys rotate without breaking old signatures). */
export interface SigningKey {
  key_id: string;
  /** base64url of the 32 raw key bytes. */
  public_key: string;
  valid_from: string;
  valid_until?: string;
}

export type ContactRole = 'policy' | 'technical' | 'operations';

/** A point of contact: policy/diplomatic, technical, or 24/7 operations. */
export interface PointOfContact {
  role: ContactRole;
  name: string;
  email?: string;
  phone?: string;
  languages: string[];
  /** IANA time zone, e.g. Europe/Berlin. */
  time_zone: string;
  /** Absent for a 24/7 desk. */
  working_hours?: { days: string[]; start: string; end: string };
}

/** The Parley property-extension on `identity`. */
export interface PartyExtension {
  extension_type: 'property-extension';
  taxii: { api_root: string; inbox_collection_id: string };
  signing_keys: SigningKey[];
  contacts: PointOfContact[];
}

/** A party: a STIX identity with its node address, keys and contacts. */
export interface Party {
  type: 'identity';
  spec_version: '2.1';
  id: string;
  created: string;
  modified: string;
  name: string;
  identity_class?: string;
  sectors?: string[];
  description?: string;
  extensions: { [PARTY_EXTENSION_ID]: PartyExtension } & Record<string, unknown>;
}

/** What it takes to create a party record. */
export interface PartyInit {
  id?: string;
  name: string;
  identityClass?: 'organization' | 'group' | 'system';
  taxii: { api_root: string; inbox_collection_id: string };
  signingKeys: SigningKey[];
  contacts: PointOfContact[];
  created?: Date;
}

/** Creates and validates a new party record. */
export function createParty(init: PartyInit): Party {
  const at = stixTimestamp(init.created ?? Date.now());
  return parseParty({
    type: 'identity',
    spec_version: '2.1',
    id: init.id ?? `identity--${randomUUID()}`,
    created: at,
    modified: at,
    name: init.name,
    identity_class: init.identityClass ?? 'organization',
    extensions: {
      [PARTY_EXTENSION_ID]: {
        extension_type: 'property-extension',
        taxii: init.taxii,
        signing_keys: init.signingKeys,
        contacts: init.contacts,
      },
    },
  });
}

/** Checks an untrusted value is a valid party record and returns it typed; throws INVALID_STIX otherwise. */
export function parseParty(value: unknown): Party {
  assertMatchesSchema('parley-party.json', value, 'party record');
  const party = value as Party;
  const ext = partyExtension(party);
  if (parseTimestamp(party.modified, 'modified') < parseTimestamp(party.created, 'created')) {
    throw new ParleyError('INVALID_STIX', 'party record: modified must not be earlier than created');
  }
  const ids = new Set<string>();
  for (const key of ext.signing_keys) {
    if (ids.has(key.key_id)) throw new ParleyError('INVALID_STIX', `party record: key_id ${key.key_id} appears twice`);
    ids.add(key.key_id);
    try {
      publicKeyFromBase64url(key.public_key);
    } catch (cause) {
      throw new ParleyError('INVALID_STIX', `party record: key ${key.key_id} is not an Ed25519 public key`, cause);
    }
    const from = parseTimestamp(key.valid_from, `key ${key.key_id} valid_from`);
    if (key.valid_until !== undefined && parseTimestamp(key.valid_until, `key ${key.key_id} valid_until`) <= from) {
      throw new ParleyError('INVALID_STIX', `party record: key ${key.key_id} valid_until must be after valid_from`);
    }
  }
  for (const contact of ext.contacts) assertTimeZone(contact.time_zone);
  return party;
}

function assertTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch (cause) {
    throw new ParleyError('INVALID_STIX', `party record: "${zone}" is not an IANA time zone`, cause);
  }
}

/** The party record inside an identity. */
export function partyExtension(party: Party): PartyExtension {
  return party.extensions[PARTY_EXTENSION_ID];
}

/** The outcome of looking up a key at a moment. */
export type KeyLookup = { found: true; key: SigningKey } | { found: false; reason: 'unknown-key' | 'not-yet-valid' | 'expired' };

/** Finds the party's key `keyId` and checks it was valid at `at` (valid_from inclusive, valid_until exclusive). */
export function keyValidAt(party: Party, keyId: string, at: string | number): KeyLookup {
  const key = partyExtension(party).signing_keys.find((k) => k.key_id === keyId);
  if (!key) return { found: false, reason: 'unknown-key' };
  const when = typeof at === 'number' ? at : parseTimestamp(at, 'time');
  if (when < Date.parse(key.valid_from)) return { found: false, reason: 'not-yet-valid' };
  if (key.valid_until !== undefined && when >= Date.parse(key.valid_until)) return { found: false, reason: 'expired' };
  return { found: true, key };
}

/** The keys a party could sign with at `at` (for choosing a signing key). */
export function keysValidAt(party: Party, at: number): SigningKey[] {
  return partyExtension(party).signing_keys.filter((k) => keyValidAt(party, k.key_id, at).found);
}

/** The contacts of one role. */
export function contactsWithRole(party: Party, role: ContactRole): PointOfContact[] {
  return partyExtension(party).contacts.filter((c) => c.role === role);
}
