import { withNodeOptions } from '../data-dir.ts';
import { evidenceFrom } from '../node/compose-input.ts';
import { cliActor, reportDelivery, withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** `parley respond ID --body T [--findings T] [--actions-taken T] [--evidence BUNDLE]`: answers a received message. */
export const registerRespond: RegisterCommand = (program, ctx) => {
  withNodeOptions(program.command('respond <id>').description('respond to a received message (findings/actions taken)'))
    .requiredOption('--body <text>', 'body text (also the findings unless --findings/--actions-taken are given)')
    .option('--findings <text>', 'findings')
    .option('--actions-taken <text>', 'actions taken')
    .option('--evidence <bundle>', 'STIX bundle to attach')
    .action((id: string, o: { data: string; body: string; findings?: string; actionsTaken?: string; evidence?: string }) => withNode(o, async (node) => {
      const evidence = evidenceFrom(o.evidence);
      const stored = await node.service.respond(id, {
        body: o.body, ...(o.findings ? { findings: o.findings } : {}), ...(o.actionsTaken ? { actions_taken: o.actionsTaken } : {}),
        ...(evidence.length > 0 ? { evidence } : {}),
      }, cliActor());
      ctx.output.out(stored.message.id);
      ctx.setExit(await reportDelivery(node, stored.message.id, stored.message.recipient_refs, ctx.output));
    }));
};
