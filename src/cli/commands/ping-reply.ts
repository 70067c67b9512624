import { withNodeOptions } from '../data-dir.ts';
import { cliActor, reportDelivery, withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** `parley ping-reply ID [--body T]`: a person answers a communication check; prints the reply's id. */
export const registerPingReply: RegisterCommand = (program, ctx) => {
  withNodeOptions(program.command('ping-reply <id>').description('answer a received communication check'))
    .option('--body <text>', 'body text (default: "Answered by <user>.")')
    .action((id: string, o: { data: string; body?: string }) => withNode(o, async (node) => {
      const stored = await node.service.answerPing(id, o.body === undefined ? {} : { body: o.body }, cliActor());
      ctx.output.out(stored.message.id);
      ctx.setExit(await reportDelivery(node, stored.message.id, stored.message.recipient_refs, ctx.output));
    }));
};
