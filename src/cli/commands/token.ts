import { openCommandStore, withStoreOptions } from '../data-dir.ts';
import type { RegisterCommand } from './index.ts';

/** `parley token create NAME`: prints a new bearer token for the account (shown once, stored hashed). */
export const registerToken: RegisterCommand = (program, ctx) => {
  const group = program.command('token').description('manage bearer tokens');
  withStoreOptions(group.command('create <name>').description('create a bearer token for an account and print it'))
    .action(async (name: string, options: { data: string; database?: string }) => {
      const store = await openCommandStore(options);
      try {
        ctx.output.out(await store.accounts.createToken(name));
      } finally {
        await store.close();
      }
    });
};
