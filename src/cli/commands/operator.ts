import { ParleyError } from '../../errors.ts';
import { OPERATOR_ROLES, type OperatorRole } from '../../store/hotline-store.ts';
import { withNodeOptions } from '../data-dir.ts';
import { passwordFromStdin, withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** `parley operator add NAME --role R --password-stdin`, `parley operator list`: operators of the /api/ console. */
export const registerOperator: RegisterCommand = (program, ctx) => {
  const group = program.command('operator').description('operators of the hotline console and /api/');
  withNodeOptions(group.command('add <name>').description('create an operator; the password is read from standard input'))
    .requiredOption('--role <role>', OPERATOR_ROLES.join(', '))
    .requiredOption('--password-stdin', 'read the password from standard input (first line)')
    .action(async (name: string, o: { data: string; role: string }) => {
      if (!(OPERATOR_ROLES as readonly string[]).includes(o.role)) throw new ParleyError('BAD_REQUEST', `--role must be one of ${OPERATOR_ROLES.join(', ')}`);
      const password = await passwordFromStdin();
      await withNode(o, async (node) => {
        await node.store.hotline.createOperator(name, password, o.role as OperatorRole);
        ctx.output.out(`operator ${name} created (${o.role})`);
      });
    });
  withNodeOptions(group.command('list').description('list operators: name, role'))
    .action((o: { data: string }) => withNode(o, async (node) => {
      for (const op of await node.store.hotline.listOperators()) ctx.output.out(`${op.username}\t${op.role}`);
    }));
};
