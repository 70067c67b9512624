import { withNodeOptions } from '../data-dir.ts';
import { cliActor, reportDelivery, withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** `parley ack ID [--body T]`: acknowledges a received message; prints the acknowledgement's id. */
export const registerAck: RegisterCommand = (program, ctx) => {
  withNodeOptions(program.command('ack <id>').description('acknowledge a received message'))
    .option('--body <text>', 'body text', 'Received.')
    .action((id: string, o: { data: string; body: string }) => withNode(o, async (node) => {
      const stored = await node.service.acknowledge(id, { body: o.body }, cliActor());
      ctx.output.out(stored.message.id);
      ctx.setExit(await reportDelivery(node, stored.message.id, stored.message.recipient_refs, ctx.output));
    }));
};
