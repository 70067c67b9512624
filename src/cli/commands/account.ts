import { ParleyError } from '../../errors.ts';
import type { CollectionRights } from '../../store/account-store.ts';
import { openCommandStore, withStoreOptions } from '../data-dir.ts';
import type { RegisterCommand } from './index.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

/** `parley account add NAME --password-stdin [--read ID]... [--write ID]...`, `account list`, `account remove NAME`. */
export const registerAccount: RegisterCommand = (program, ctx) => {
  const group = program.command('account').description('manage accounts of TAXII clients');
  withStoreOptions(group.command('add <name>').description('create an account; the password is read from standard input'))
    .requiredOption('--password-stdin', 'read the password from standard input (first line)')
    .option('--read <collection>', 'grant read on a collection (repeatable)', collect, [])
    .option('--write <collection>', 'grant write on a collection (repeatable)', collect, [])
    .action(async (name: string, options: { data: string; database?: string; read: string[]; write: string[] }) => {
      const password = (await readStdin()).split(/\r?\n/)[0] ?? '';
      if (password === '') throw new ParleyError('BAD_REQUEST', 'the password on standard input is empty');
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
      const store = await openCommandStore(options);
      try {
        if (!(await store.accounts.remove(name))) throw new ParleyError('NOT_FOUND', `account ${name} does not exist`);
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
