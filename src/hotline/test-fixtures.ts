/** Parties, keys, agreements and evidence shared by the hotline and store tests (never used by the node itself). */
import { proposeAgreement, signAgreement, type Agreement, type AgreementRules } from './agreement.ts';
import type { StixObject } from './evidence.ts';
import { createParty, type Party } from './party.ts';
import { generateSigningKeyPair, privateKeyFromPem } from '../ledger/sign.ts';
import type { Signer } from './signature.ts';
import { TLP2_MARKING_IDS } from './tlp.ts';

/** A party with its private key. */
export interface TestParty {
  party: Party;
  signer: Signer;
}

/** Creates a party whose single key is valid from `validFrom` (until `validUntil`, if given). */
export function testParty(name: string, validFrom = '2026-01-01T00:00:00.000Z', validUntil?: string): TestParty {
  const pair = generateSigningKeyPair();
  const keyId = `${name.toLowerCase()}-2026`;
  const party = createParty({
    name,
    taxii: { api_root: `https://${name.toLowerCase()}.example/api1/`, inbox_collection_id: '91a7b528-80eb-42ed-a74d-c6fbd5a26116' },
    signingKeys: [{ key_id: keyId, public_key: pair.publicKey, valid_from: validFrom, ...(validUntil ? { valid_until: validUntil } : {}) }],
    contacts: [
      { role: 'operations', name: `${name} duty desk`, email: `soc@${name.toLowerCase()}.example`, languages: ['en'], time_zone: 'Europe/Brussels' },
      { role: 'policy', name: `${name} policy`, languages: ['en', 'fr'], time_zone: 'Europe/Paris', working_hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:30' } },
    ],
    created: new Date('2026-01-01T00:00:00.000Z'),
  });
  return { party, signer: { partyRef: party.id, keyId, privateKey: privateKeyFromPem(pair.privateKeyPem) } };
}

/** An agreement between the given parties, proposed by the first and signed by all. */
export function signedAgreement(parties: readonly TestParty[]): Agreement {
  let agreement = proposeAgreement({
    proposerRef: parties[0].party.id,
    partyRefs: parties.map((p) => p.party.id),
    name: 'Hotline agreement',
    commitments: parties.map((p) => ({ party_ref: p.party.id, protected_sectors: ['healthcare', 'energy', 'election-infrastructure'] })),
    rules: testAgreementRules(),
    at: new Date('2026-02-01T00:00:00.000Z'),
  });
  for (const p of parties) agreement = signAgreement(agreement, p.signer);
  return agreement;
}

/** A lookup over test parties. */
export function partyLookup(parties: readonly TestParty[]): (id: string) => Party | undefined {
  return (id) => parties.find((p) => p.party.id === id)?.party;
}

/** A STIX incident object (with the Incident Core Extension), made by `createdBy`. */
export function incidentObject(createdBy: string, id = 'incident--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061'): StixObject {
  return {
    type: 'incident',
    spec_version: '2.1',
    id,
    created: '2026-03-01T08:00:00.000Z',
    modified: '2026-03-01T08:00:00.000Z',
    created_by_ref: createdBy,
    name: 'Ransomware at a regional hospital',
    extensions: {
      'extension-definition--ef765651-680c-498d-9894-99799f2fa126': {
        extension_type: 'property-extension',
        determination: 'confirmed',
        investigation_status: 'open',
      },
    },
  };
}

/** A STIX indicator made by `createdBy`, optionally TLP-marked. */
export function indicatorObject(createdBy: string, marking?: keyof typeof TLP2_MARKING_IDS, id = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id,
    created: '2026-03-01T08:00:00.000Z',
    modified: '2026-03-01T08:00:00.000Z',
    created_by_ref: createdBy,
    name: 'Ransomware C2 server',
    pattern: "[ipv4-addr:value = '198.51.100.7']",
    pattern_type: 'stix',
    valid_from: '2026-03-01T08:00:00.000Z',
    ...(marking ? { object_marking_refs: [TLP2_MARKING_IDS[marking]] } : {}),
  };
}

/** The rules of the test agreement: every kind, deadlines per kind and priority. */
export function testAgreementRules(): AgreementRules {
  return {
    message_kinds: ['notification', 'request', 'consultation', 'advance-notice', 'acknowledgement', 'response', 'closure', 'ping', 'ping-reply'],
    deadlines: [
      { kind: 'notification', priority: 'flash', acknowledge_minutes: 15, respond_minutes: 120 },
      { kind: 'notification', priority: 'urgent', acknowledge_minutes: 60, respond_minutes: 480 },
      { kind: 'notification', priority: 'routine', acknowledge_minutes: 480, respond_minutes: 4320 },
      { kind: 'request', priority: 'flash', acknowledge_minutes: 30, respond_minutes: 240 },
      { kind: 'request', priority: 'urgent', acknowledge_minutes: 120, respond_minutes: 1440 },
      { kind: 'request', priority: 'routine', acknowledge_minutes: 1440, respond_minutes: 10080 },
      { kind: 'consultation', priority: 'urgent', acknowledge_minutes: 120, respond_minutes: 1440 },
      { kind: 'consultation', priority: 'routine', acknowledge_minutes: 1440, respond_minutes: 7200 },
      { kind: 'advance-notice', priority: 'routine', acknowledge_minutes: 1440 },
      { kind: 'ping', priority: 'routine', acknowledge_minutes: 60, respond_minutes: 60 },
    ],
    default_tlp: 'amber',
    working_languages: ['en'],
    communication_check_hours: 720,
  };
}
