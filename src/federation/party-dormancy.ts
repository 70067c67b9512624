import type { Agreement } from '../hotline/agreement.ts';
import type { Message } from '../hotline/message.ts';
import { assessDormancy, communicationChecks, dormancyRule, type DormancyVerdict } from './dormancy.ts';

const HOUR = 3_600_000;

/**
 * Whether a counterpart is dormant (assessDormancy over our pings to it and its replies), judged with the shortest
 * communication-check interval among the agreements in force it shares with us. Not dormant when it shares none.
 */
export function partyDormancy(messages: readonly Message[], selfId: string, partyId: string, agreementsInForce: readonly Agreement[], now: number): DormancyVerdict {
  const shared = agreementsInForce.filter((a) => a.party_refs.includes(partyId) && a.party_refs.includes(selfId));
  if (partyId === selfId || shared.length === 0) return { dormant: false, reasons: [], consecutiveUnanswered: 0 };
  const interval = Math.min(...shared.map((a) => a.rules.communication_check_hours)) * HOUR;
  return assessDormancy(communicationChecks(messages, selfId, partyId), dormancyRule(interval), now);
}
