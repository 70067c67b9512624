import { OUTBOX_HEADER, outboxLine, parseDeliveryState } from '../../federation/outbox-table.ts';
import { isParleyError } from '../../errors.ts';
import type { DeliveryFilter } from '../../store/outbox-store.ts';
import { withNodeOptions } from '../data-dir.ts';
import { withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** Checks the options of `parley outbox`; returns the filter or the one-line complaint. */
function outboxFilter(o: { state?: string; recipient?: string; limit?: string }): DeliveryFilter | string {
  const filter: DeliveryFilter = {};
  if (o.state !== undefined) {
    try {
      filter.state = parseDeliveryState(o.state);
    } catch (error) {
      if (isParleyError(error, 'BAD_REQUEST')) return error.message;
      throw error;
    }
  }
  if (o.limit !== undefined) {
    const limit = Number(o.limit);
    if (!/^\d+$/.test(o.limit) || limit < 1 || limit > 10_000) return `--limit must be an integer 1-10000, not "${o.limit}"`;
    filter.limit = limit;
  }
  if (o.recipient !== undefined) filter.recipient = o.recipient;
  return filter;
}

/**
 * `parley outbox [--state S] [--recipient ID] [--limit N]`: the deliveries of the outbox, newest first (exit 0; 2 on a
 * bad option); `parley outbox retry [--recipient ID]`: failing deliveries due now.
 */
export const registerOutbox: RegisterCommand = (program, ctx) => {
  const outbox = program.command('outbox');
  withNodeOptions(outbox.description('list deliveries: state, message, recipient, attempts, last error, next attempt (tab-separated)'))
    .option('--state <state>', 'only this state (queued, failing, delivered, given-up, rejected, published)')
    .option('--recipient <party>', 'only deliveries to this party (identity id)')
    .option('--limit <n>', 'at most this many (1-10000)', '100')
    .action(async (o: { data: string; state?: string; recipient?: string; limit?: string }) => {
      const filter = outboxFilter(o);
      if (typeof filter === 'string') {
        ctx.output.err(`parley outbox: ${filter}`);
        return ctx.setExit(2);
      }
      await withNode(o, async (node) => {
        const list = await node.store.outbox.list(filter);
        ctx.output.out(OUTBOX_HEADER);
        for (const d of list) ctx.output.out(outboxLine(d));
      });
    });
  // An operator who knows a counterpart is back need not wait out the backoff; a running node picks the deliveries
  // up at its next look at the store (within its poll interval, 2 s). --data and --database are the listing's own
  // options, which commander also takes after `retry`.
  outbox.command('retry').description('make failing deliveries due now instead of at their backoff time (takes --data, --database)')
    .option('--recipient <party>', 'only deliveries to this party (identity id)')
    .action(async (o: { recipient?: string }) => {
      await withNode(outbox.opts<{ data: string; database?: string }>(), async (node) => {
        const n = await node.store.outbox.retryNow(o.recipient);
        ctx.output.out(`retry: ${n} ${n === 1 ? 'delivery' : 'deliveries'} due now`);
      });
    });
};
