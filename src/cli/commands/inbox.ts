import { messageTlp } from '../../hotline/message.ts';
import { withNodeOptions } from '../data-dir.ts';
import { withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** `parley inbox [--all] [--limit N]`: received (or all) messages, newest first, one tab-separated line each. */
export const registerInbox: RegisterCommand = (program, ctx) => {
  withNodeOptions(program.command('inbox').description('list received messages: created, direction, kind, priority, TLP, from, id, thread, subject'))
    .option('--all', 'sent messages too')
    .option('--limit <n>', 'at most this many', '50')
    .action((o: { data: string; all?: boolean; limit: string }) => withNode(o, async (node) => {
      const names = new Map((await node.store.hotline.listParties()).map(({ party }) => [party.id, party.name]));
      const list = await node.store.hotline.listMessages({ ...(o.all ? {} : { direction: 'received' as const }), limit: Number(o.limit) });
      for (const { message: m, direction } of list) {
        ctx.output.out([m.created, direction, m.kind, m.priority, `TLP:${messageTlp(m).toUpperCase()}`, names.get(m.sender_ref) ?? m.sender_ref, m.id, m.thread_id, m.subject].join('\t'));
      }
    }));
};
