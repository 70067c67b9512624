import { describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.ts';
import { generateSigningKeyPair } from '../ledger/sign.ts';
import { validateObject } from '../stix/validate.ts';
import { PARTY_EXTENSION_ID } from './extension-definitions.ts';
import { contactsWithRole, keysValidAt, keyValidAt, parseParty, partyExtension } from './party.ts';
import { testParty } from './test-fixtures.ts';

function rotated() {
  const { party } = testParty('CERT-A', '2026-01-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z');
  const next = generateSigningKeyPair();
  const ext = partyExtension(party);
  ext.signing_keys.push({ key_id: 'cert-a-2026b', public_key: next.publicKey, valid_from: '2026-06-15T00:00:00.000Z' });
  return parseParty(party);
}

describe('party record', () => {
  it('is a valid STIX identity carrying the property-extension', () => {
    const { party } = testParty('CERT-A');
    expect(validateObject(party).valid).toBe(true);
    expect(party.extensions[PARTY_EXTENSION_ID].extension_type).toBe('property-extension');
    expect(parseParty(JSON.parse(JSON.stringify(party)))).toEqual(party);
    expect(contactsWithRole(party, 'operations').map((c) => c.name)).toEqual(['CERT-A duty desk']);
  });

  it('finds the key valid at a time across a rotation', () => {
    const party = rotated();
    expect(keyValidAt(party, 'cert-a-2026', '2026-03-01T00:00:00.000Z').found).toBe(true);
    expect(keyValidAt(party, 'cert-a-2026', '2026-07-01T00:00:00.000Z')).toEqual({ found: false, reason: 'expired' });
    expect(keyValidAt(party, 'cert-a-2026b', '2026-06-01T00:00:00.000Z')).toEqual({ found: false, reason: 'not-yet-valid' });
    expect(keyValidAt(party, 'nope', '2026-06-01T00:00:00.000Z')).toEqual({ found: false, reason: 'unknown-key' });
    expect(keysValidAt(party, Date.parse('2026-06-20T00:00:00.000Z')).map((k) => k.key_id)).toEqual(['cert-a-2026', 'cert-a-2026b']);
  });

  const broken: [string, (p: Record<string, unknown>, ext: Record<string, unknown>) => void, RegExp][] = [
    ['no keys', (_p, ext) => (ext.signing_keys = []), /signing_keys/],
    ['a key of the wrong length', (_p, ext) => ((ext.signing_keys as { public_key: string }[])[0].public_key = 'A'.repeat(42)), /public_key/],
    ['the same key_id twice', (_p, ext) => (ext.signing_keys as unknown[]).push((ext.signing_keys as unknown[])[0]), /appears twice/],
    ['a key expiring before it starts', (_p, ext) => ((ext.signing_keys as { valid_until?: string }[])[0].valid_until = '2025-01-01T00:00:00.000Z'), /valid_until/],
    ['an unknown time zone', (_p, ext) => ((ext.contacts as { time_zone: string }[])[0].time_zone = 'Mars/Olympus'), /IANA/],
    ['a bad contact role', (_p, ext) => ((ext.contacts as { role: string }[])[0].role = 'boss'), /role|allowed/],
    ['a TAXII address that is not a URL', (_p, ext) => ((ext.taxii as { api_root: string }).api_root = 'ftp//x'), /api_root/],
    ['a wrong type', (p) => (p.type = 'indicator'), /type/],
  ];
  for (const [what, breakIt, message] of broken) {
    it(`rejects ${what}`, () => {
      const { party } = testParty('CERT-B');
      const copy = JSON.parse(JSON.stringify(party)) as Record<string, unknown>;
      breakIt(copy, (copy.extensions as Record<string, Record<string, unknown>>)[PARTY_EXTENSION_ID]);
      let error: unknown;
      try {
        parseParty(copy);
      } catch (e) {
        error = e;
      }
      expect(isParleyError(error, 'INVALID_STIX')).toBe(true);
      expect((error as Error).message).toMatch(message);
    });
  }
});
