import { withNodeOptions } from '../data-dir.ts';
import { cliActor, reportDelivery, withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** `parley close ID --outcome O [--body T]`: closes a thread; prints the closure's id. */
export const registerClose: RegisterCommand = (program, ctx) => {
  withNodeOptions(program.command('close <id>').description('close a thread (outcome: resolved, mitigated, unresolved, withdrawn)'))
    .requiredOption('--outcome <outcome>', 'resolved, mitigated, unresolved or withdrawn')
    .option('--body <text>', 'body text', '')
    .action((id: string, o: { data: string; outcome: string; body: string }) => withNode(o, async (node) => {
      const stored = await node.service.close(id, { outcome: o.outcome, body: o.body }, cliActor());
      ctx.output.out(stored.message.id);
      ctx.setExit(await reportDelivery(node, stored.message.id, stored.message.recipient_refs, ctx.output));
    }));
};
