import { ParleyError } from '../../errors.ts';
import type { Deadline } from '../../hotline/deadlines.ts';
import type { StoredMessage } from '../../store/hotline-store.ts';
import { checkHistory } from './communication-checks.ts';
import { deadlineSteps, type DeadlineView } from './deadline-view.ts';
import { durationStats, type DurationStats } from './duration-stats.ts';
import type { PartyDirectory } from './party-directory.ts';

/** One counterpart's figures over the review period. */
export interface CounterpartReview {
  id: string;
  name: string;
  messages_sent: number;
  messages_received: number;
  acknowledge_seconds: DurationStats;
  respond_seconds: DurationStats;
  deadlines: { met: number; missed: number; open: number };
  checks: { sent: number; answered: number; rate: number };
}

/** The periodic review of an agreement's use (api-contract: ReviewReport). */
export interface ReviewReport {
  from: string;
  to: string;
  counterparts: CounterpartReview[];
  series: { day: string; acknowledged: number; answered: number; met: number; missed: number }[];
}

/** The period and counterpart a review covers; `to` is inclusive. */
export interface ReviewQuery {
  from: number;
  to: number;
  counterpart?: string;
}

const DAY = 86_400_000;
const MAX_DAYS = 3660;

/** Reads `from`, `to` (ISO instants; default: the 30 days up to now) and `counterpart`. */
export function parseReviewQuery(from: string | undefined, to: string | undefined, counterpart: string | undefined, now: number): ReviewQuery {
  const end = to ? Date.parse(to) : now;
  const start = from ? Date.parse(from) : end - 30 * DAY;
  if (Number.isNaN(start) || Number.isNaN(end)) throw new ParleyError('BAD_REQUEST', 'from and to must be ISO 8601 instants');
  if (end < start) throw new ParleyError('BAD_REQUEST', 'to is before from');
  if (end - start > MAX_DAYS * DAY) throw new ParleyError('BAD_REQUEST', `a review covers at most ${MAX_DAYS} days`);
  return { from: start, to: end, ...(counterpart ? { counterpart } : {}) };
}

type Outcome = 'met' | 'missed' | 'open';

function outcome(step: DeadlineView, now: number): Outcome {
  if (step.met_at !== null) return Date.parse(step.met_at) <= Date.parse(step.due) ? 'met' : 'missed';
  return now > Date.parse(step.due) ? 'missed' : 'open';
}

const dayOf = (iso: string) => iso.slice(0, 10);
const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

/**
 * Builds the review. Per counterpart it counts both directions: deadlines the counterpart owed this node and
 * those this node owed it, for messages created in the period; checks are the pings this node sent it.
 */
export function reviewReport(query: ReviewQuery, directory: PartyDirectory, messages: readonly StoredMessage[], deadlines: readonly Deadline[], now: number): ReviewReport {
  const inPeriod = (iso: string) => Date.parse(iso) >= query.from && Date.parse(iso) <= query.to;
  const created = new Map(messages.map((m) => [m.message.id, m.message.created]));
  const self = directory.self.id;
  if (query.counterpart !== undefined && (query.counterpart === self || !directory.find(query.counterpart))) {
    throw new ParleyError('NOT_FOUND', `no counterpart ${query.counterpart}`);
  }
  const ids = query.counterpart !== undefined ? [query.counterpart] : [...directory.parties.keys()].filter((id) => id !== self);
  const series = new Map<string, ReviewReport['series'][number]>();
  for (let t = Date.parse(`${dayOf(new Date(query.from).toISOString())}T00:00:00.000Z`); t <= query.to; t += DAY) {
    const day = dayOf(new Date(t).toISOString());
    series.set(day, { day, acknowledged: 0, answered: 0, met: 0, missed: 0 });
  }
  const bump = (iso: string, key: 'acknowledged' | 'answered' | 'met' | 'missed') => {
    const entry = series.get(dayOf(iso));
    if (entry && inPeriod(iso)) entry[key] += 1;
  };
  const counterparts = ids.map((id): CounterpartReview => {
    const theirs = deadlines.filter((d) => (d.owedBy === id || d.owedTo === id) && inPeriod(created.get(d.messageId) ?? d.acknowledgeBy));
    const ack: number[] = [];
    const respond: number[] = [];
    const tally = { met: 0, missed: 0, open: 0 };
    for (const d of theirs) {
      const sentAt = created.get(d.messageId);
      if (sentAt && d.acknowledgedAt) ack.push(seconds(sentAt, d.acknowledgedAt));
      if (sentAt && d.answeredAt) respond.push(seconds(sentAt, d.answeredAt));
      if (d.acknowledgedAt) bump(d.acknowledgedAt, 'acknowledged');
      if (d.answeredAt) bump(d.answeredAt, 'answered');
      for (const step of deadlineSteps(d, directory, now)) {
        const result = outcome(step, now);
        tally[result] += 1;
        if (result === 'met') bump(step.met_at!, 'met');
        if (result === 'missed') bump(step.due, 'missed');
      }
    }
    const checks = checkHistory(messages, id, query.from, query.to + 1);
    const answered = checks.filter((c) => c.answered_at !== null).length;
    const ofPeriod = messages.filter((m) => inPeriod(m.message.created));
    return {
      id,
      name: directory.ref(id).name,
      messages_sent: ofPeriod.filter((m) => m.direction === 'sent' && m.message.recipient_refs.includes(id)).length,
      messages_received: ofPeriod.filter((m) => m.direction === 'received' && m.message.sender_ref === id).length,
      acknowledge_seconds: durationStats(ack),
      respond_seconds: durationStats(respond),
      deadlines: tally,
      checks: { sent: checks.length, answered, rate: checks.length === 0 ? 0 : answered / checks.length },
    };
  });
  return {
    from: new Date(query.from).toISOString(),
    to: new Date(query.to).toISOString(),
    counterparts: counterparts.sort((a, b) => a.name.localeCompare(b.name)),
    series: [...series.values()],
  };
}
