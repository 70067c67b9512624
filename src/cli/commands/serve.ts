import pino from 'pino';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { createNodeServer, readNodeConfig } from '../../taxii/node-server.ts';
import { withDataOption } from '../data-dir.ts';
import type { RegisterCommand } from './index.ts';

/** `parley serve [--host H] [--port P] [--data DIR]`: runs the node until SIGTERM/SIGINT, then exits 0. */
export const registerServe: RegisterCommand = (program, ctx) => {
  withDataOption(program.command('serve').description('run the node (TAXII 2.1 server)'))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free port)', '9443')
    .action(async (options: { data: string; host: string; port: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        ctx.output.err(`parley: --port must be an integer 0-65535`);
        return ctx.setExit(2);
      }
      // JSON logs go to stderr so that stdout carries only the `listening on` contract line.
      const logger = pino({ level: process.env.PARLEY_LOG_LEVEL ?? 'info' }, pino.destination(2));
      const config = readNodeConfig(options.data);
      const store = openSqliteStore(options.data);
      if (config.maxContentLength !== undefined) {
        const root = (await store.collections.apiRoots()).find((r) => r.isDefault);
        if (root) await store.collections.putApiRoot({ ...root, maxContentLength: config.maxContentLength });
      }
      const server = await createNodeServer({ store, node: config.info, logger, host: options.host, port });
      ctx.output.out(`listening on ${server.url}`);
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      logger.info({ signal }, 'shutting down');
      await server.close();
      await store.close();
      logger.flush();
      ctx.setExit(0);
    });
};
