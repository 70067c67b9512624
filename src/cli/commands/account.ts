import { ParleyError } from '../../errors.ts';
import type { CollectionRights } from '../../store/account-store.ts';
import { isInitialised, openNodeStore } from '../../node/parley-node.ts';
import { linkAccount } from '../../node/pull-mode.ts';
import { openCommandStore, withStoreOptions } from '../data-dir.ts';
import { resolveParty, withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';
import { collect } from '../repeatable.ts';

/** `parley account add NAME --password-stdin [--read ID]... [--write ID]...`, `account list`, `account remove NAME`. */
export const registerAccount: RegisterCommand = (program, ctx) => {
  const group = program.command('account').description('manage accounts of TAXII clients');
  withStoreOptions(group.command('add <name>').description('create an account; the password is read from standard input'))
    .requiredOption('--password-stdin', 'read the password from standard input (first line)')
    .option('--read <collection>', 'grant read on a collection (repeatable)', collect, [])
    .option('--write <collection>', 'grant write on a collection (repeatable)', collect, [])
    .option('--party <party>', 'the counterpart that uses this account (its messages only; reads its outbox collection)')
    .action(async (name: string, options: { data: string; database?: string; read: string[]; write: string[]; party?: string }) => {
      const password = (await readStdin()).split(/\r?\n/)[0] ?? '';
      if (password === '') throw new ParleyError('BAD_REQUEST', 'the password on standard input is empty');
      if (options.party !== undefined) {
        const ref = options.party;
        return withNode(options, async (node) => {
          const party = await resolveParty(node, ref);
          await node.store.accounts.add(name, password, rightsFrom(options.read, options.write));
          await linkAccount(node, name, party.id);
          ctx.output.out(`account ${name} created`);
          ctx.output.out(`account ${name} linked to ${party.name} (${party.id})`);
        });
      }
      const store = await openCommandStore(options);
      try {
        await store.accounts.add(name, password, rightsFrom(options.read, options.write));
        ctx.output.out(`account ${name} created`);
      } finally {
        await store.close();
      }
    });
  withStoreOptions(group.command('list').description('list accounts and their rights'))
    .action(async (options: { data: string; database?: string }) => {
      const store = await openCommandStore(options);
      try {
        for (const a of await store.accounts.list()) {
          const rights = a.rights.map((r) => `${r.collection}:${r.canRead ? 'r' : ''}${r.canWrite ? 'w' : ''}`).join(',');
          ctx.output.out(`${a.name}\t${rights}`);
        }
      } finally {
        await store.close();
      }
    });
  withStoreOptions(group.command('remove <name>').description('delete an account and its tokens'))
    .action(async (name: string, options: { data: string; database?: string }) => {
      // On a hotline node, the account's link to its party goes with it.
      const store = isInitialised(options.data, options.database) ? await openNodeStore(options.data, { database: options.database }) : await openCommandStore(options);
      try {
        if (!(await store.accounts.remove(name))) throw new ParleyError('NOT_FOUND', `account ${name} does not exist`);
        if ('links' in store) await store.links.unlinkAccount(name);
        ctx.output.out(`account ${name} removed`);
      } finally {
        await store.close();
      }
    });
};

function rightsFrom(read: readonly string[], write: readonly string[]): CollectionRights[] {
  return [...new Set([...read, ...write])].map((collection) => ({ collection, canRead: read.includes(collection), canWrite: write.includes(collection) }));
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
