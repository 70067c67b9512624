import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../errors.ts';
import type { Agreement } from './agreement.ts';
import type { StixObject } from './evidence.ts';
import { buildMessage, type Message, type MessageInit } from './message.ts';
import { signObject, type Signer } from './signature.ts';
import { incidentObject, indicatorObject, partyLookup, signedAgreement, testAgreementRules, testParty, type TestParty } from './test-fixtures.ts';
import { verifyIncoming, type IncomingContext } from './verify-incoming.ts';
import { proposeAgreement, signAgreement } from './agreement.ts';

const a = testParty('CERT-A');
const b = testParty('CERT-B');
const c = testParty('CERT-C');
const agreement = signedAgreement([a, b, c]);
const at = new Date('2026-03-01T09:00:00.000Z');

function context(overrides: Partial<IncomingContext> = {}, known: TestParty[] = [a, b, c], agreements: Agreement[] = [agreement]): IncomingContext {
  const find = partyLookup(known);
  return {
    ownPartyRef: b.party.id,
    findParty: async (id) => find(id),
    hasMessage: async () => false,
    agreementVersions: async (id) => agreements.filter((v) => v.id === id),
    ...overrides,
  };
}

function signed(overrides: Partial<MessageInit> = {}, signer: Signer = a.signer): Message {
  return signObject(
    buildMessage({
      kind: 'consultation',
      senderRef: a.party.id,
      recipientRefs: [b.party.id],
      agreementRef: agreement.id,
      priority: 'urgent',
      lang: 'en',
      subject: 'Unusual scanning of water utilities',
      body: 'Do you see the same?',
      tlp: 'amber',
      at,
      ...overrides,
    }),
    signer,
  );
}

async function reason(message: unknown, objects: StixObject[] = [], ctx = context()): Promise<ErrorCode | 'accepted'> {
  const verdict = await verifyIncoming(message, objects, ctx);
  return verdict.ok ? 'accepted' : verdict.error.code;
}

describe('verifyIncoming', () => {
  it('accepts a well-formed, signed message under an agreement in force', async () => {
    const incident = incidentObject(a.party.id);
    const message = signed({ kind: 'notification', evidence: [incident], details: { incident_ref: incident.id, sector: 'water', severity: 'medium' } });
    const verdict = await verifyIncoming(message, [incident], context());
    expect(verdict.ok && verdict.agreement.version).toBe(1);
  });

  it('rejects a malformed message as INVALID_STIX', async () => {
    expect(await reason({ type: 'x-parley-message' })).toBe('INVALID_STIX');
  });

  it('rejects an unsigned, tampered, or wrongly keyed message as SIGNATURE_INVALID', async () => {
    const { signature: _none, ...unsigned } = signed();
    expect(await reason(unsigned)).toBe('SIGNATURE_INVALID');
    expect(await reason({ ...signed(), body: 'Changed in transit' })).toBe('SIGNATURE_INVALID');
    expect(await reason(signed({}, { ...b.signer, keyId: a.signer.keyId }))).toBe('SIGNATURE_INVALID');
  });

  it('rejects a signature by a key expired or not yet valid at the message time as KEY_NOT_VALID', async () => {
    const expired = testParty('CERT-E', '2026-01-01T00:00:00.000Z', '2026-02-15T00:00:00.000Z');
    const ctx = context({}, [expired, b]);
    const message = signObject(buildMessage({ ...baseInit(), senderRef: expired.party.id }), expired.signer);
    expect(await reason(message, [], ctx)).toBe('KEY_NOT_VALID');
    const future = testParty('CERT-F', '2026-06-01T00:00:00.000Z');
    const early = signObject(buildMessage({ ...baseInit(), senderRef: future.party.id }), future.signer);
    expect(await reason(early, [], context({}, [future, b]))).toBe('KEY_NOT_VALID');
    expect(await reason(signed({}, { ...a.signer, keyId: 'unknown-key' }))).toBe('KEY_NOT_VALID');
  });

  it('rejects a sender it does not know as UNKNOWN_PARTY', async () => {
    expect(await reason(signed(), [], context({}, [b, c]))).toBe('UNKNOWN_PARTY');
  });

  it("rejects a message not addressed to this node's party as RECIPIENT_MISMATCH", async () => {
    expect(await reason(signed({ recipientRefs: [c.party.id] }))).toBe('RECIPIENT_MISMATCH');
  });

  it('rejects a message already received as REPLAY', async () => {
    const message = signed();
    const seen = new Set<string>([message.id]);
    expect(await reason(message, [], context({ hasMessage: async (id) => seen.has(id) }))).toBe('REPLAY');
  });

  it('rejects missing or altered evidence as EVIDENCE_MISMATCH', async () => {
    const indicator = indicatorObject(a.party.id);
    const message = signed({ kind: 'request', evidence: [indicator], details: { request_type: 'action', requested_action: 'Block it' } });
    expect(await reason(message, [])).toBe('EVIDENCE_MISMATCH');
    expect(await reason(message, [{ ...indicator, pattern: "[ipv4-addr:value = '203.0.113.9']" }])).toBe('EVIDENCE_MISMATCH');
    expect(await reason(message, [indicator])).toBe('accepted');
  });

  it('rejects a message under an agreement not in force as AGREEMENT_NOT_IN_FORCE', async () => {
    expect(await reason(signed(), [], context({}, undefined, []))).toBe('AGREEMENT_NOT_IN_FORCE');
    let partial = proposeAgreement({ proposerRef: a.party.id, partyRefs: [a.party.id, b.party.id], name: 'Bilateral', commitments: [], rules: testAgreementRules(), at });
    partial = signAgreement(partial, a.signer);
    const message = signed({ agreementRef: partial.id });
    expect(await reason(message, [], context({}, undefined, [partial]))).toBe('AGREEMENT_NOT_IN_FORCE');
    expect(await reason(message, [], context({}, undefined, [signAgreement(partial, b.signer)]))).toBe('accepted');
    const outsider = testParty('CERT-D');
    const wide = signed({ agreementRef: partial.id, recipientRefs: [b.party.id, outsider.party.id] });
    expect(await reason(wide, [], context({}, [a, b, outsider], [signAgreement(partial, b.signer)]))).toBe('AGREEMENT_NOT_IN_FORCE');
  });

  it('rejects a kind the agreement does not provide for as FORBIDDEN', async () => {
    const narrow = signAgreement(signAgreement(proposeAgreement({
      proposerRef: a.party.id, partyRefs: [a.party.id, b.party.id], name: 'Pings only', commitments: [], at,
      rules: { ...testAgreementRules(), message_kinds: ['ping', 'ping-reply'], deadlines: [] },
    }), a.signer), b.signer);
    expect(await reason(signed({ agreementRef: narrow.id }), [], context({}, undefined, [narrow]))).toBe('FORBIDDEN');
  });

  it('rejects a reply that does not fit the message it answers as INVALID_REPLY', async () => {
    const ping = signObject(buildMessage({ ...baseInit(), kind: 'ping', senderRef: b.party.id, recipientRefs: [a.party.id] }), b.signer);
    const notification = signed({ kind: 'notification', evidence: [incidentObject(b.party.id)], details: { incident_ref: incidentObject(b.party.id).id, sector: 'energy', severity: 'low' }, senderRef: b.party.id, recipientRefs: [a.party.id] }, b.signer);
    const pingReply = signObject(buildMessage({ ...baseInit(), kind: 'ping-reply', replyTo: ping, at: new Date('2026-03-01T09:05:00.000Z') }), a.signer);
    // What this node holds under the ping's id is a notification: a ping reply cannot answer that.
    const stored = new Map<string, Message>([[ping.id, { ...notification, id: ping.id, thread_id: ping.id }]]);
    const ctx = context({ findMessage: async (id) => stored.get(id) });
    expect(await reason(pingReply, [], ctx)).toBe('INVALID_REPLY');
    expect(await reason(pingReply, [], context({ findMessage: async (id) => (id === ping.id ? ping : undefined) }))).toBe('accepted');
  });

  describe('TLP of forwarded objects', () => {
    const forward = (object: StixObject, tlp: MessageInit['tlp'] = 'amber') =>
      signed({ kind: 'request', tlp, evidence: [object], details: { request_type: 'action', requested_action: 'Block it' } });
    it('rejects a third party RED, AMBER+STRICT or AMBER object passed on to another party as TLP_VIOLATION', async () => {
      for (const marking of ['red', 'amber+strict', 'amber'] as const) {
        const object = indicatorObject(c.party.id, marking);
        expect(await reason(forward(object), [object])).toBe('TLP_VIOLATION');
      }
    });
    it('lets an unmarked third-party object inherit the message TLP', async () => {
      const object = indicatorObject(c.party.id);
      expect(await reason(forward(object, 'red'), [object])).toBe('TLP_VIOLATION');
      expect(await reason(forward(object, 'green'), [object])).toBe('accepted');
    });
    it("accepts GREEN and CLEAR forwards within the agreement's community, and the sender's own RED objects", async () => {
      for (const marking of ['green', 'clear'] as const) {
        const object = indicatorObject(c.party.id, marking);
        expect(await reason(forward(object), [object])).toBe('accepted');
      }
      const own = indicatorObject(a.party.id, 'red');
      expect(await reason(forward(own), [own])).toBe('accepted');
    });
    it('accepts a RED object returned to the party that made it', async () => {
      const mine = indicatorObject(b.party.id, 'red');
      expect(await reason(forward(mine), [mine])).toBe('accepted');
    });
  });
});

function baseInit(): MessageInit {
  return {
    kind: 'consultation',
    senderRef: a.party.id,
    recipientRefs: [b.party.id],
    agreementRef: agreement.id,
    priority: 'urgent',
    lang: 'en',
    subject: 'Check',
    body: 'Body',
    tlp: 'amber',
    at,
  };
}
