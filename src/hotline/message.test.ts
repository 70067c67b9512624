import { describe, expect, it } from 'vitest';
import { isParleyError } from '../errors.ts';
import { validateObject } from '../stix/validate.ts';
import { evidenceHash } from './evidence.ts';
import { buildMessage, messageTlp, parseMessage, type Message, type MessageInit } from './message.ts';
import { MESSAGE_KINDS } from './message-kinds.ts';
import { incidentObject, indicatorObject, testParty } from './test-fixtures.ts';
import { TLP2_MARKING_IDS } from './tlp.ts';

const a = testParty('CERT-A');
const b = testParty('CERT-B');
const AGREEMENT = 'x-parley-agreement--4b7e0a57-2f8a-4b34-9f49-4d1a5cf3f0a1';
const incident = incidentObject(a.party.id);
const indicator = indicatorObject(a.party.id);

function init(overrides: Partial<MessageInit>): MessageInit {
  return {
    kind: 'consultation',
    senderRef: a.party.id,
    recipientRefs: [b.party.id],
    agreementRef: AGREEMENT,
    priority: 'urgent',
    lang: 'en',
    subject: 'Subject',
    body: 'Body',
    tlp: 'amber',
    at: new Date('2026-03-01T09:00:00.000Z'),
    ...overrides,
  };
}

const notification = buildMessage(
  init({ kind: 'notification', evidence: [incident, indicator], details: { incident_ref: incident.id, sector: 'healthcare', severity: 'high' } }),
);
const request = buildMessage(
  init({ kind: 'request', evidence: [indicator], details: { request_type: 'action', requested_action: 'Take down the C2 server at 198.51.100.7' } }),
);
const ping = buildMessage(init({ kind: 'ping', priority: 'routine', subject: 'Communication check' }));
const later = new Date('2026-03-01T10:00:00.000Z');

/** One valid message of every kind. */
function everyKind(): Record<string, Message> {
  return {
    notification,
    request,
    consultation: buildMessage(init({})),
    'advance-notice': buildMessage(init({ kind: 'advance-notice', details: { activity_start: '2026-04-01T00:00:00.000Z', activity_end: '2026-04-02T00:00:00.000Z' } })),
    acknowledgement: buildMessage(init({ kind: 'acknowledgement', senderRef: b.party.id, recipientRefs: [a.party.id], replyTo: notification, at: later })),
    response: buildMessage(init({ kind: 'response', senderRef: b.party.id, recipientRefs: [a.party.id], replyTo: request, details: { actions_taken: 'Server seized' }, at: later })),
    closure: buildMessage(init({ kind: 'closure', replyTo: notification, details: { outcome: 'resolved' }, at: later })),
    ping,
    'ping-reply': buildMessage(init({ kind: 'ping-reply', senderRef: b.party.id, recipientRefs: [a.party.id], replyTo: ping, at: later })),
  };
}

describe('messages', () => {
  it('builds every kind as a valid STIX object that round-trips through parseMessage', () => {
    const messages = everyKind();
    expect(Object.keys(messages).sort()).toEqual([...MESSAGE_KINDS].sort());
    for (const message of Object.values(messages)) {
      expect(validateObject(message).valid).toBe(true);
      expect(message.created).toMatch(/\.\d{3}Z$/);
      expect(parseMessage(JSON.parse(JSON.stringify(message)))).toEqual(message);
      expect(messageTlp(message)).toBe('amber');
    }
  });

  it('carries the SHA-256 of the canonical JSON of each attached object', () => {
    expect(notification.attachments).toEqual([
      { object_ref: incident.id, sha256: evidenceHash(incident) },
      { object_ref: indicator.id, sha256: evidenceHash(indicator) },
    ]);
    expect(evidenceHash({ ...incident })).toBe(evidenceHash(Object.fromEntries(Object.entries(incident).reverse())));
  });

  it('starts a thread with its own id and keeps it in replies', () => {
    const { acknowledgement, closure } = everyKind();
    expect(notification.thread_id).toBe(notification.id);
    expect(acknowledgement).toMatchObject({ thread_id: notification.id, in_reply_to_ref: notification.id });
    expect(closure.thread_id).toBe(notification.id);
  });

  const missing: [string, Partial<MessageInit>, RegExp][] = [
    ['a notification without its incident', { kind: 'notification', details: { sector: 'energy', severity: 'low' } }, /incident_ref/],
    ['a notification whose incident is not attached', { kind: 'notification', details: { incident_ref: incident.id, sector: 'energy', severity: 'low' } }, /incident must be attached/],
    ['a notification with an unknown sector', { kind: 'notification', evidence: [incident], details: { incident_ref: incident.id, sector: 'space', severity: 'low' } }, /sector/],
    ['a request without what is asked', { kind: 'request', details: { request_type: 'information' } }, /requested_action/],
    ['a request for action without an indicator', { kind: 'request', details: { request_type: 'action', requested_action: 'x' } }, /indicator/],
    ['an advance notice without its start', { kind: 'advance-notice' }, /activity_start/],
    ['an advance notice ending before it starts', { kind: 'advance-notice', details: { activity_start: '2026-04-02T00:00:00.000Z', activity_end: '2026-04-01T00:00:00.000Z' } }, /activity_end/],
    ['an acknowledgement replying to nothing', { kind: 'acknowledgement' }, /in_reply_to_ref/],
    ['a response without findings or actions', { kind: 'response', replyTo: notification }, /findings|actions_taken|anyOf/],
    ['a closure without outcome', { kind: 'closure', replyTo: notification }, /outcome/],
    ['an incident on a consultation', { kind: 'consultation', evidence: [incident], details: { incident_ref: incident.id } }, /must NOT|not/],
    ['no recipients', { recipientRefs: [] }, /recipient_refs/],
    ['the sender among the recipients', { recipientRefs: [a.party.id, b.party.id] }, /sender cannot be one of its recipients/],
    ['a bad priority', { priority: 'whenever' as 'routine' }, /priority/],
    ['a ransom payment without CIRCIA', { kind: 'notification', evidence: [incident], details: { incident_ref: incident.id, sector: 'energy', severity: 'low', regulatory_reporting: { regimes: ['nis2'], awareness_time: '2026-03-01T08:00:00.000Z', ransom_payment_time: '2026-03-01T09:00:00.000Z' } } }, /CIRCIA/],
  ];
  for (const [what, overrides, message] of missing) {
    it(`rejects ${what}`, () => {
      expect(() => buildMessage(init(overrides))).toThrow(message);
      try {
        buildMessage(init(overrides));
      } catch (error) {
        expect(isParleyError(error, 'INVALID_STIX')).toBe(true);
      }
    });
  }

  it('requires exactly one TLP marking', () => {
    const twice = { ...notification, object_marking_refs: [TLP2_MARKING_IDS.red, TLP2_MARKING_IDS.amber] };
    expect(() => parseMessage(twice)).toThrow(/exactly one TLP/);
    const none = { ...notification, object_marking_refs: ['marking-definition--00000000-0000-4000-8000-000000000000'] };
    expect(() => parseMessage(none)).toThrow(/exactly one TLP/);
  });

  it('rejects a message whose thread does not fit its reply status', () => {
    expect(() => parseMessage({ ...notification, thread_id: request.id })).toThrow(/starts its own thread/);
    const { acknowledgement } = everyKind();
    expect(() => parseMessage({ ...acknowledgement, thread_id: acknowledgement.id })).toThrow(/thread of the message/);
  });
});

describe('thread and reply rules', () => {
  const reply = (overrides: Partial<MessageInit>) => () => buildMessage(init({ senderRef: b.party.id, recipientRefs: [a.party.id], at: later, ...overrides }));
  it('accepts answers only to suitable kinds', () => {
    expect(reply({ kind: 'ping-reply', replyTo: notification })).toThrow(/cannot answer a notification/);
    expect(reply({ kind: 'acknowledgement', replyTo: ping })).toThrow(/cannot answer a ping/);
    expect(reply({ kind: 'response', replyTo: ping, details: { findings: 'x' } })).toThrow(/cannot answer a ping/);
    expect(reply({ kind: 'closure', replyTo: ping, details: { outcome: 'resolved' } })).toThrow(/cannot answer a ping/);
  });
  it('lets only a recipient acknowledge, respond, or reply to a ping', () => {
    const c = testParty('CERT-C');
    expect(reply({ kind: 'acknowledgement', senderRef: c.party.id, replyTo: notification })).toThrow(/took no part/);
    expect(() => buildMessage(init({ kind: 'acknowledgement', recipientRefs: [b.party.id], replyTo: notification, at: later }))).toThrow(/not a recipient/);
  });
  it('refuses replies dated before the original or under another agreement', () => {
    expect(reply({ kind: 'acknowledgement', replyTo: notification, at: new Date('2026-03-01T08:00:00.000Z') })).toThrow(/dated before/);
    expect(reply({ kind: 'acknowledgement', replyTo: notification, agreementRef: 'x-parley-agreement--0b7e0a57-2f8a-4b34-9f49-4d1a5cf3f0a1' })).toThrow(/another agreement/);
  });
  it('lets a follow-up request join an existing thread', () => {
    const followUp = buildMessage(init({ kind: 'request', replyTo: notification, evidence: [indicator], details: { request_type: 'assistance', requested_action: 'Share the malware sample' }, at: later }));
    expect(followUp.thread_id).toBe(notification.id);
  });
});

describe('timestamps', () => {
  it('rejects an impossible date in any timestamp property', () => {
    expect(() => buildMessage(init({ kind: 'advance-notice', details: { activity_start: '2026-13-45T00:00:00.000Z' } }))).toThrow(/activity_start/);
  });
});
