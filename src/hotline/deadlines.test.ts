import { describe, expect, it } from 'vitest';
import { applyAnswer, checkOverdue, deadlinesFor, deadlineStateAt, type Deadline } from './deadlines.ts';
import { buildMessage, type Message, type MessageInit } from './message.ts';
import type { AwaitedKind, Priority } from './message-kinds.ts';
import { incidentObject, indicatorObject, signedAgreement, testAgreementRules, testParty } from './test-fixtures.ts';

const a = testParty('CERT-A');
const b = testParty('CERT-B');
const c = testParty('CERT-C');
const agreement = signedAgreement([a, b, c]);
const SENT = '2026-03-01T09:00:00.000Z';
const MIN = 60_000;
const t = (minutes: number) => Date.parse(SENT) + minutes * MIN;

const DETAILS: Record<AwaitedKind, Partial<MessageInit>> = {
  notification: { evidence: [incidentObject(a.party.id)], details: { incident_ref: incidentObject(a.party.id).id, sector: 'energy', severity: 'high' } },
  request: { evidence: [indicatorObject(a.party.id)], details: { request_type: 'action', requested_action: 'Sinkhole the domain' } },
  consultation: {},
  'advance-notice': { details: { activity_start: '2026-03-10T00:00:00.000Z' } },
  ping: {},
};

function send(kind: AwaitedKind, priority: Priority, recipients = [b.party.id]): Message {
  return buildMessage({
    kind, priority, senderRef: a.party.id, recipientRefs: recipients, agreementRef: agreement.id,
    lang: 'en', subject: kind, body: '', tlp: 'amber', at: new Date(SENT), ...DETAILS[kind],
  });
}

function answer(kind: 'acknowledgement' | 'response' | 'ping-reply', to: Message, minutes: number, from = b): Message {
  return buildMessage({
    kind, senderRef: from.party.id, recipientRefs: [a.party.id], agreementRef: agreement.id, priority: to.priority,
    lang: 'en', subject: `Re: ${to.subject}`, body: '', tlp: 'amber', replyTo: to, at: new Date(t(minutes)),
    ...(kind === 'response' ? { details: { findings: 'Found it' } } : {}),
  });
}

describe('deadline computation', () => {
  for (const rule of testAgreementRules().deadlines) {
    it(`${rule.kind}/${rule.priority}: acknowledge in ${rule.acknowledge_minutes} min, respond in ${rule.respond_minutes ?? '-'} min`, () => {
      const [deadline] = deadlinesFor(send(rule.kind, rule.priority), agreement);
      expect(deadline.acknowledgeBy).toBe(new Date(t(rule.acknowledge_minutes)).toISOString());
      expect(deadline.respondBy).toBe(rule.respond_minutes === undefined ? undefined : new Date(t(rule.respond_minutes)).toISOString());
      expect(deadline).toMatchObject({ state: 'open', owedBy: b.party.id, owedTo: a.party.id, agreementVersion: 1, escalations: [] });
    });
  }
  it('gives each recipient its own deadline', () => {
    const deadlines = deadlinesFor(send('notification', 'flash', [b.party.id, c.party.id]), agreement);
    expect(deadlines.map((d) => d.owedBy)).toEqual([b.party.id, c.party.id]);
  });
  it('sets none for answering kinds or a kind and priority without a rule', () => {
    const notification = send('notification', 'urgent');
    expect(deadlinesFor(answer('acknowledgement', notification, 1), agreement)).toEqual([]);
    expect(deadlinesFor(send('consultation', 'flash'), agreement)).toEqual([]);
  });
});

describe('deadline states', () => {
  const notification = send('notification', 'urgent');
  const [fresh] = deadlinesFor(notification, agreement);

  it('goes open → acknowledged → answered', () => {
    const acknowledged = applyAnswer(fresh, answer('acknowledgement', notification, 10));
    expect(acknowledged).toMatchObject({ state: 'acknowledged', acknowledgedAt: new Date(t(10)).toISOString() });
    const answered = applyAnswer(acknowledged, answer('response', notification, 100));
    expect(answered).toMatchObject({ state: 'answered', answeredAt: new Date(t(100)).toISOString() });
    expect(checkOverdue(answered, t(100_000)).newEscalations).toEqual([]);
  });

  it('counts a response without acknowledgement as both', () => {
    const answered = applyAnswer(fresh, answer('response', notification, 30));
    expect(answered).toMatchObject({ state: 'answered', acknowledgedAt: answered.answeredAt });
  });

  it('ignores answers by someone else or to another message', () => {
    const c3 = testParty('CERT-3');
    expect(applyAnswer(fresh, { ...answer('acknowledgement', notification, 5), sender_ref: c3.party.id })).toBe(fresh);
    const other = send('notification', 'urgent');
    expect(applyAnswer(fresh, answer('acknowledgement', other, 5))).toBe(fresh);
  });

  it('closes every deadline of the thread on closure', () => {
    const closure = buildMessage({
      kind: 'closure', senderRef: a.party.id, recipientRefs: [b.party.id], agreementRef: agreement.id, priority: 'urgent',
      lang: 'en', subject: 'Closed', body: '', tlp: 'amber', replyTo: notification, at: new Date(t(20)), details: { outcome: 'mitigated' },
    });
    expect(applyAnswer(fresh, closure)).toMatchObject({ state: 'closed', closedAt: new Date(t(20)).toISOString() });
    expect(checkOverdue(applyAnswer(fresh, closure), t(100_000)).deadline.state).toBe('closed');
  });

  it('answers a ping with a ping reply', () => {
    const ping = send('ping', 'routine');
    const [deadline] = deadlinesFor(ping, agreement);
    expect(applyAnswer(deadline, answer('ping-reply', ping, 5)).state).toBe('answered');
  });
});

describe('overdue detection and escalation', () => {
  const notification = send('notification', 'urgent');
  const [fresh] = deadlinesFor(notification, agreement);

  it('is not overdue at the deadline itself, and is one millisecond after', () => {
    expect(checkOverdue(fresh, t(60)).deadline.state).toBe('open');
    const late = checkOverdue(fresh, t(60) + 1);
    expect(late.deadline.state).toBe('overdue');
    expect(late.newEscalations).toEqual([{ step: 'acknowledge', at: new Date(t(60) + 1).toISOString() }]);
  });

  it('escalates each missed step once, with the escalation recorded', () => {
    let d: Deadline = checkOverdue(fresh, t(61)).deadline;
    const again = checkOverdue(d, t(62));
    expect(again.newEscalations).toEqual([]);
    expect(again.deadline).toBe(d);
    d = applyAnswer(d, answer('acknowledgement', notification, 70));
    expect(d.state).toBe('acknowledged');
    const missedResponse = checkOverdue(d, t(481));
    expect(missedResponse.newEscalations.map((e) => e.step)).toEqual(['respond']);
    expect(missedResponse.deadline.escalations.map((e) => e.step)).toEqual(['acknowledge', 'respond']);
    expect(checkOverdue(missedResponse.deadline, t(2000)).newEscalations).toEqual([]);
  });

  it('escalates both steps at once when both passed unseen', () => {
    expect(checkOverdue(fresh, t(500)).newEscalations.map((e) => e.step)).toEqual(['acknowledge', 'respond']);
  });

  it('survives a restart: state derives from stored absolute times', () => {
    const stored = JSON.parse(JSON.stringify(checkOverdue(fresh, t(61)).deadline)) as Deadline;
    expect(deadlineStateAt(stored, t(61))).toBe('overdue');
    expect(checkOverdue(stored, t(62)).newEscalations).toEqual([]);
  });
});
