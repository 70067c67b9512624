import { withNodeOptions } from '../data-dir.ts';
import { cliActor, reportDelivery, resolveParty, withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** `parley ping PARTY`: sends a communication check; prints its id. */
export const registerPing: RegisterCommand = (program, ctx) => {
  withNodeOptions(program.command('ping <party>').description('send a communication check to a party'))
    .action((ref: string, o: { data: string }) => withNode(o, async (node) => {
      const party = await resolveParty(node, ref);
      const stored = await node.service.ping(party.id, cliActor());
      ctx.output.out(stored.message.id);
      ctx.setExit(await reportDelivery(node, stored.message.id, stored.message.recipient_refs, ctx.output));
    }));
};
