import { ParleyError } from '../../errors.ts';
import { messageTlp } from '../../hotline/message.ts';
import { withNodeOptions } from '../data-dir.ts';
import { withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** `parley thread ID`: the messages of a thread in order (ID: the thread id or any of its messages). */
export const registerThread: RegisterCommand = (program, ctx) => {
  withNodeOptions(program.command('thread <id>').description('show a thread'))
    .action((id: string, o: { data: string }) => withNode(o, async (node) => {
      const { hotline } = node.store;
      const threadId = (await hotline.getMessage(id))?.message.thread_id ?? id;
      const messages = await hotline.listThread(threadId);
      if (messages.length === 0) throw new ParleyError('NOT_FOUND', `no thread ${id}`);
      const names = new Map((await hotline.listParties()).map(({ party }) => [party.id, party.name]));
      ctx.output.out(`thread ${threadId}`);
      for (const { message: m, direction } of messages) {
        const held = direction === 'sent' ? await Promise.all(m.recipient_refs.map(async (r) => [r, await node.store.records.heldReceipt(m.id, r)] as const)) : [];
        const receipts = held.map(([r, receipt]) => `${receipt ? 'receipt' : 'no-receipt'}:${names.get(r) ?? r}`).join(',');
        ctx.output.out(`${m.created}\t${direction}\t${m.kind}\t${names.get(m.sender_ref) ?? m.sender_ref}\t${m.id}\tTLP:${messageTlp(m).toUpperCase()}\t${m.subject}${receipts ? `\t${receipts}` : ''}`);
        if (m.body) ctx.output.out(`  ${m.body.replaceAll('\n', '\n  ')}`);
        for (const k of ['findings', 'actions_taken', 'outcome'] as const) if (m[k]) ctx.output.out(`  ${k}: ${m[k]}`);
      }
    }));
};
