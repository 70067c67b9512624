import { ParleyError } from '../../errors.ts';
import { REGULATORY_OBLIGATIONS as OBLIGATIONS, type RegulatoryObligation } from '../../hotline/regulatory-clocks.ts';
import { reportClockMet } from '../../node/report-clock.ts';
import { withNodeOptions } from '../data-dir.ts';
import { withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** `parley clock met MESSAGE OBLIGATION [--at TIME]`: the party filed a regulatory report. */
export const registerClock: RegisterCommand = (program, ctx) => {
  const group = program.command('clock').description('regulatory reporting clocks (NIS2, CIRCIA) of sent notifications');
  withNodeOptions(group.command('met <message> <obligation>').description(`record that a report was filed (${OBLIGATIONS.join(', ')})`))
    .option('--at <time>', 'when it was filed (ISO 8601; default now)')
    .action((messageId: string, obligation: string, o: { data: string; at?: string }) => withNode(o, async (node) => {
      if (!OBLIGATIONS.includes(obligation as RegulatoryObligation)) throw new ParleyError('BAD_REQUEST', `obligation must be one of ${OBLIGATIONS.join(', ')}`);
      const at = o.at === undefined ? new Date() : new Date(o.at);
      if (Number.isNaN(at.getTime())) throw new ParleyError('BAD_REQUEST', `--at ${o.at}: not a timestamp`);
      for (const c of await reportClockMet(node, messageId, obligation as RegulatoryObligation, at)) {
        ctx.output.out(['clock', c.state, c.messageId, c.obligation, c.due, c.metAt ? `met@${c.metAt}` : '-'].join('\t'));
      }
    }));
};
