import { ParleyError } from '../../errors.ts';
import type { DeadlineState } from '../../hotline/deadlines.ts';
import { withNodeOptions } from '../data-dir.ts';
import { withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

const STATES: readonly DeadlineState[] = ['open', 'acknowledged', 'answered', 'overdue', 'closed'];

/** `parley deadlines [--state S]`: deadlines and regulatory clocks, escalations shown. */
export const registerDeadlines: RegisterCommand = (program, ctx) => {
  withNodeOptions(program.command('deadlines').description('list deadlines (state, message, owed by, owed to, acknowledge by, respond by, escalations) and regulatory clocks'))
    .option('--state <state>', `only this state (${STATES.join(', ')})`)
    .action((o: { data: string; state?: string }) => withNode(o, async (node) => {
      if (o.state !== undefined && !STATES.includes(o.state as DeadlineState)) throw new ParleyError('BAD_REQUEST', `--state must be one of ${STATES.join(', ')}`);
      const names = new Map((await node.store.hotline.listParties()).map(({ party }) => [party.id, party.name]));
      const list = await node.store.hotline.listDeadlines(o.state ? { states: [o.state as DeadlineState] } : {});
      for (const d of list) {
        const escalated = d.escalations.length > 0 ? `escalated:${d.escalations.map((e) => `${e.step}@${e.at}`).join(',')}` : '-';
        ctx.output.out(['deadline', d.state, d.messageId, d.kind, d.priority, names.get(d.owedBy) ?? d.owedBy, names.get(d.owedTo) ?? d.owedTo, d.acknowledgeBy, d.respondBy ?? '-', escalated].join('\t'));
      }
      if (o.state !== undefined) return;
      for (const c of await node.store.hotline.listRegulatoryClocks()) {
        ctx.output.out(['clock', c.state, c.messageId, c.obligation, c.due, c.escalatedAt ? `escalated@${c.escalatedAt}` : '-'].join('\t'));
      }
    }));
};
