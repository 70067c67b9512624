import type { Logger } from 'pino';
import type { PullReport } from '../federation/pull.ts';

/**
 * Logs one poll of a publishing counterpart: `pulled messages` (info) when any arrived, `pulled message rejected`
 * (warn) per refused object with its code and reason, `pull stopped` (warn) when the poll ended early, and
 * `receipt not posted back` (warn) per receipt the publisher did not take.
 */
export function logPullReport(logger: Logger, report: PullReport): void {
  const party = report.partyId;
  if (report.delivered.length > 0) logger.info({ party, messages: report.delivered, pages: report.pages }, 'pulled messages');
  for (const r of report.rejected) logger.warn({ party, message: r.messageId, code: r.code, reason: r.reason }, 'pulled message rejected');
  if (report.error !== undefined) logger.warn({ party, error: report.error }, 'pull stopped');
  for (const e of report.receiptErrors) logger.warn({ party, error: e }, 'receipt not posted back');
}
