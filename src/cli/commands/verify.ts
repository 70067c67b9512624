import { verifyNode } from '../../node/verify-node.ts';
import { withNodeOptions } from '../data-dir.ts';
import { withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** `parley verify [--data DIR]`: log, message and agreement signatures, counterpart receipts; exit 0 all verify, 1 otherwise. */
export const registerVerify: RegisterCommand = (program, ctx) => {
  withNodeOptions(program.command('verify').description('verify the log, every stored signature and every counterpart receipt'))
    .action((o: { data: string }) => withNode(o, async (node) => {
      const result = await verifyNode(node);
      for (const line of result.lines) ctx.output.out(line);
      ctx.setExit(result.ok ? 0 : 1);
    }));
};
