import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { ParleyError } from '../../errors.ts';
import { openCommandStore, withStoreOptions } from '../data-dir.ts';
import type { RegisterCommand } from './index.ts';

/** `parley export --collection ID`: writes every stored version as one STIX bundle to stdout, page by page. */
export const registerExport: RegisterCommand = (program, ctx) => {
  withStoreOptions(program.command('export').description('write a collection as a STIX bundle to standard output'))
    .requiredOption('--collection <id>', 'collection id')
    .action(async (options: { data: string; database?: string; collection: string }) => {
      const store = await openCommandStore(options);
      try {
        if (!(await store.collections.collection(options.collection))) {
          throw new ParleyError('NOT_FOUND', `collection ${options.collection} does not exist`);
        }
        await write(`{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`);
        let next: string | undefined;
        let first = true;
        do {
          const page = await store.objects.query({
            collection: options.collection, versions: { last: false, first: false, all: true, at: [] }, limit: 1000, next,
          });
          if (page.objects.length > 0) await write((first ? '' : ',') + page.objects.map((o) => o.json).join(','));
          first &&= page.objects.length === 0;
          next = page.next;
        } while (next !== undefined);
        await write(']}\n');
      } finally {
        await store.close();
      }
      ctx.setExit(0);
    });
};

/** Writes to stdout, waiting for drain so a large export streams in constant memory. */
async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}
