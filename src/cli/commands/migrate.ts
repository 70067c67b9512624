import { SingleBar } from 'cli-progress';
import { ParleyError } from '../../errors.ts';
import type { CopyProgress } from '../../store/migrate/copy-tables.ts';
import { migrateStore } from '../../store/migrate/migrate-store.ts';
import { parseStoreLocation } from '../../store/open-store.ts';
import type { CommandContext } from '../main.ts';
import type { RegisterCommand } from './index.ts';

// The password part of a URL is never printed.
const redact = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/** A progress bar on a terminal; otherwise one line per table once it is copied. */
function progressOn(ctx: CommandContext): CopyProgress & { stop(): void } {
  if (!process.stderr.isTTY) {
    return {
      start: () => {},
      rows: (table, rows, total) => { if (rows === total) ctx.output.err(`migrate ${table}: ${rows} rows`); },
      stop: () => {},
    };
  }
  const bar = new SingleBar({ format: 'migrate [{bar}] {percentage}% | {value}/{total} rows | {table}', stream: process.stderr });
  let done = 0;
  let inTable = 0;
  return {
    start: (total) => bar.start(total, 0, { table: '' }),
    rows: (table, rows) => {
      if (rows === 0) inTable = 0;
      done += rows - inTable;
      inTable = rows;
      bar.update(done, { table });
    },
    stop: () => bar.stop(),
  };
}

/**
 * `parley migrate --from sqlite://DIR --to postgres://…`: copies a node's whole SQLite store into an empty
 * PostgreSQL database in one transaction, then verifies it. Exit 0 verified, 1 refused/failed, 2 usage.
 */
export const registerMigrate: RegisterCommand = (program, ctx) => {
  program.command('migrate')
    .description("copy a node's SQLite store into an empty PostgreSQL database and verify it")
    .requiredOption('--from <location>', 'the SQLite store: sqlite://DIR or DIR (holding parley.db)')
    .requiredOption('--to <url>', 'the PostgreSQL database: postgres://USER:PASSWORD@HOST:PORT/DB')
    .action(async (o: { from: string; to: string }) => {
      const from = parseStoreLocation(o.from);
      const to = parseStoreLocation(o.to);
      if (from.kind !== 'sqlite' || to.kind !== 'postgres') {
        ctx.output.err('parley: migrate copies from a SQLite store (--from sqlite://DIR) to PostgreSQL (--to postgres://…)');
        ctx.setExit(2);
        return;
      }
      const progress = progressOn(ctx);
      let outcome;
      try {
        outcome = await migrateStore(from.dir, to.url, progress);
      } catch (error) {
        progress.stop();
        throw error instanceof ParleyError ? error : new ParleyError('INTERNAL', `migrate failed, nothing was committed: ${error instanceof Error ? error.message : String(error)}`);
      }
      progress.stop();
      ctx.output.out(outcome.committed
        ? `migrated ${outcome.rows} rows from ${o.from} to ${redact(o.to)}`
        : `rolled back: copied ${outcome.rows} rows from ${o.from} to ${redact(o.to)} but they do not verify; nothing was committed`);
      for (const line of outcome.check.ledger) ctx.output.out(line);
      for (const failure of outcome.check.failures) ctx.output.out(`verify failed: ${failure}`);
      ctx.output.out(outcome.check.ok ? 'verify: OK' : 'verify: FAILED');
      ctx.setExit(outcome.check.ok ? 0 : 1);
    });
};
