import { createReadStream, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SingleBar } from 'cli-progress';
import { ParleyError } from '../../errors.ts';
import { validateObject } from '../../stix/validate.ts';
import type { StixObject } from '../../store/object-store.ts';
import { openCommandStore, withStoreOptions } from '../data-dir.ts';
import type { RegisterCommand } from './index.ts';

const require = createRequire(import.meta.url);
const { parser } = require('stream-json') as typeof import('stream-json');
const { pick } = require('stream-json/filters/Pick') as typeof import('stream-json/filters/Pick.js');
const { streamArray } = require('stream-json/streamers/StreamArray') as typeof import('stream-json/streamers/StreamArray.js');

const BATCH = 1000;

/**
 * `parley import BUNDLE --collection ID`: streams the bundle's `objects` (constant memory), validates each and
 * stores valid ones in batches of 1,000. Prints `imported N, failed M`; exit 0 when none failed, 1 otherwise.
 */
export const registerImport: RegisterCommand = (program, ctx) => {
  withStoreOptions(program.command('import <bundle>').description('import a STIX bundle file into a collection'))
    .requiredOption('--collection <id>', 'target collection id')
    .action(async (file: string, options: { data: string; database?: string; collection: string }) => {
      const size = statSync(file).size;
      const store = await openCommandStore(options, { backgroundCheckpoints: true });
      const bar = process.stderr.isTTY ? new SingleBar({ format: 'import [{bar}] {percentage}% | {value}/{total} bytes', stream: process.stderr }) : undefined;
      let imported = 0;
      let failed = 0;
      try {
        if (!(await store.collections.collection(options.collection))) {
          throw new ParleyError('NOT_FOUND', `collection ${options.collection} does not exist`);
        }
        bar?.start(size, 0);
        const input = createReadStream(file);
        const objects = input.pipe(parser()).pipe(pick({ filter: 'objects' })).pipe(streamArray());
        let batch: StixObject[] = [];
        const flush = async () => {
          imported += (await store.objects.put(options.collection, batch)).length;
          batch = [];
          bar?.update(input.bytesRead);
        };
        for await (const item of objects as AsyncIterable<{ value: unknown }>) {
          const result = validateObject(item.value);
          if (!result.valid) {
            failed++;
            const id = (item.value as { id?: unknown } | null)?.id;
            ctx.output.err(`failed ${typeof id === 'string' ? id : '(no id)'}: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
            continue;
          }
          batch.push(item.value as StixObject);
          if (batch.length >= BATCH) await flush();
        }
        if (batch.length > 0) await flush();
        bar?.update(size);
      } catch (error) {
        if (error instanceof ParleyError) throw error;
        throw new ParleyError('MALFORMED_JSON', `${file} is not a readable STIX bundle: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        bar?.stop();
        await store.close();
      }
      ctx.output.out(`imported ${imported}, failed ${failed}`);
      ctx.setExit(failed > 0 ? 1 : 0);
    });
};
