import type { Agreement } from './agreement.ts';
import { stixTimestamp } from './timestamps.ts';

const HOUR = 3_600_000;

/**
 * When the next communication check (ping) to the parties of an agreement is due: one interval after the last
 * check, or right away when there has been none.
 */
export function nextCommunicationCheck(agreement: Agreement, lastCheckAt: string | undefined, now: number): string {
  if (lastCheckAt === undefined) return stixTimestamp(now);
  return stixTimestamp(Date.parse(lastCheckAt) + agreement.rules.communication_check_hours * HOUR);
}

/** True when a communication check is due at `now`. */
export function isCommunicationCheckDue(agreement: Agreement, lastCheckAt: string | undefined, now: number): boolean {
  return Date.parse(nextCommunicationCheck(agreement, lastCheckAt, now)) <= now;
}
