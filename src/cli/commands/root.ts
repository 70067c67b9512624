import { ParleyError } from '../../errors.ts';
import { openCommandStore, withStoreOptions } from '../data-dir.ts';
import type { RegisterCommand } from './index.ts';

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** `parley root add NAME --title T [--description D] [--max-content-length N] [--default]` and `parley root list`. */
export const registerRoot: RegisterCommand = (program, ctx) => {
  const group = program.command('root').description('manage TAXII API roots (served at /taxii2/NAME/)');
  withStoreOptions(group.command('add <name>').description('create or update an API root'))
    .requiredOption('--title <title>', 'API root title')
    .option('--description <text>', 'API root description')
    .option('--max-content-length <bytes>', 'largest accepted request body', String(16 * 1024 * 1024))
    .option('--default', 'make it the default API root')
    .action(async (name: string, options: { data: string; database?: string; title: string; description?: string; maxContentLength: string; default?: boolean }) => {
      if (!NAME.test(name)) throw new ParleyError('BAD_REQUEST', 'an API root name is 1-63 of a-z, 0-9 and "-"');
      const max = Number(options.maxContentLength);
      if (!Number.isInteger(max) || max <= 0) throw new ParleyError('BAD_REQUEST', '--max-content-length must be a positive integer');
      const store = await openCommandStore(options);
      try {
        const existing = await store.collections.apiRoot(name);
        await store.collections.putApiRoot({
          name, title: options.title, maxContentLength: max, isDefault: options.default === true || existing?.isDefault === true,
          ...(options.description === undefined ? {} : { description: options.description }),
        });
        ctx.output.out(`api root /taxii2/${name}/`);
      } finally {
        await store.close();
      }
    });
  withStoreOptions(group.command('list').description('list API roots: name, default flag, max_content_length, title'))
    .action(async (options: { data: string; database?: string }) => {
      const store = await openCommandStore(options);
      try {
        for (const r of await store.collections.apiRoots()) {
          ctx.output.out(`${r.name}\t${r.isDefault ? 'default' : '-'}\t${r.maxContentLength}\t${r.title}`);
        }
      } finally {
        await store.close();
      }
    });
};
