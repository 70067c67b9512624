import { initNode } from '../../node/init-node.ts';
import { withNodeOptions } from '../data-dir.ts';
import type { RegisterCommand } from './index.ts';
import { collect } from '../repeatable.ts';

/**
 * `parley init --name NAME [--url BASE_URL] [--class C] [--sector S]... [--data DIR] [--database URL]`: creates the
 * node's party, key and inbox; with --database, the store lives there and DATA/node.json records it.
 */
export const registerInit: RegisterCommand = (program, ctx) => {
  withNodeOptions(program.command('init').description('initialise a node: own party, signing key, inbox collection'))
    .requiredOption('--name <name>', 'the party\'s name')
    .option('--url <base_url>', 'the node\'s public base URL (default: where parley serve listens)')
    .option('--class <class>', 'identity class: organization, group or system', 'organization')
    .option('--sector <sector>', 'a sector of the party (repeatable)', collect, [])
    .action(async (options: { data: string; database?: string; name: string; url?: string; class: string; sector: string[] }) => {
      if (!['organization', 'group', 'system'].includes(options.class)) {
        ctx.output.err('parley: --class must be organization, group or system');
        return ctx.setExit(2);
      }
      const result = await initNode(options.data, {
        name: options.name, identityClass: options.class as 'organization', sectors: options.sector, ...(options.url ? { url: options.url } : {}),
        ...(options.database === undefined ? {} : { database: options.database }),
      });
      ctx.output.out(`party ${result.party.id}`);
      ctx.output.out(`key ${result.keyId}`);
      ctx.output.out(`inbox ${result.inbox}`);
    });
};
