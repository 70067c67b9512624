import { openCommandStore, withStoreOptions } from '../data-dir.ts';
import type { RegisterCommand } from './index.ts';

/** `parley collection add TITLE [--id ID] [--description D]` and `parley collection list`. */
export const registerCollection: RegisterCommand = (program, ctx) => {
  const group = program.command('collection').description('manage TAXII collections');
  withStoreOptions(group.command('add <title>').description('create a collection in the default API root; prints its id'))
    .option('--id <id>', 'collection id (default: a random UUID)')
    .option('--description <text>', 'collection description')
    .option('--root <name>', 'API root (default: the default API root)')
    .action(async (title: string, options: { data: string; database?: string; id?: string; description?: string; root?: string }) => {
      const store = await openCommandStore(options);
      try {
        const collection = await store.collections.addCollection({ title, id: options.id, description: options.description, apiRoot: options.root });
        ctx.output.out(collection.id);
      } finally {
        await store.close();
      }
    });
  withStoreOptions(group.command('list').description('list collections: id, API root, title (tab-separated)'))
    .action(async (options: { data: string; database?: string }) => {
      const store = await openCommandStore(options);
      try {
        for (const c of await store.collections.collections()) ctx.output.out(`${c.id}\t${c.apiRoot}\t${c.title}`);
      } finally {
        await store.close();
      }
    });
};
