import pino from 'pino';
import { createNodeServer, defaultCheckThreads, readNodeConfig } from '../../taxii/node-server.ts';
import { adoptListeningUrl } from '../../node/init-node.ts';
import { hotlineMounter } from '../../node/mount-hotline.ts';
import { isInitialised, openNode, type ParleyNode } from '../../node/parley-node.ts';
import { nodeInbox } from '../../node/node-inbox.ts';
import { createNodeOutbox, type NodeOutbox } from '../../node/node-outbox.ts';
import { TaxiiDeliveryTransport } from '../../federation/taxii-delivery-transport.ts';
import { withFaultHook } from '../../node/fault-hook.ts';
import { createNodePuller } from '../../node/node-puller.ts';
import { logPullReport } from '../../node/pull-log.ts';
import { instanceHolderId } from '../../node/lease-holder.ts';
import { LeasedJobs } from '../../node/leased-job.ts';
import { periodicWork } from '../../node/periodic-work.ts';
import { leaseEventLogger } from '../../node/lease-log.ts';
import { openCommandStore, withStoreOptions } from '../data-dir.ts';
import type { RegisterCommand } from './index.ts';

/**
 * `parley serve [--host H] [--port P] [--data DIR] [--database URL] [--deadline-interval S] [--pull-interval S]
 * [--lease-ttl S] [--check-threads N]`: runs the node until SIGTERM/SIGINT, then exits 0. Several instances may serve
 * one store: each background job runs under a lease. With --database, a TAXII-only node serves that store.
 */
export const registerServe: RegisterCommand = (program, ctx) => {
  withStoreOptions(program.command('serve').description('run the node (TAXII 2.1 server, hotline inbox and API)'))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free port)', '9443')
    .option('--deadline-interval <seconds>', 'how often overdue deadlines are checked', '30')
    .option('--pull-interval <seconds>', 'how often the outbox collections of counterparts that publish for this node are read', '60')
    .option('--lease-ttl <seconds>', 'lease time-to-live of the background jobs (deadlines, outbox, pull) when instances share a store', '15')
    .option('--check-threads <n>', 'worker threads that parse and validate TAXII POST bodies (0: on the request thread; default 1 with 2 or more CPUs, else 0)')
    .action(async (options: { data: string; database?: string; host: string; port: string; deadlineInterval: string; pullInterval: string; leaseTtl: string; checkThreads?: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        ctx.output.err(`parley: --port must be an integer 0-65535`);
        return ctx.setExit(2);
      }
      const checkThreads = options.checkThreads === undefined ? defaultCheckThreads() : Number(options.checkThreads);
      if (!Number.isInteger(checkThreads) || checkThreads < 0 || checkThreads > 64) {
        ctx.output.err('parley: --check-threads must be an integer 0-64');
        return ctx.setExit(2);
      }
      const interval = Number(options.deadlineInterval);
      if (!(interval > 0 && interval <= 86_400)) {
        ctx.output.err('parley: --deadline-interval must be a number of seconds between 0 and 86400');
        return ctx.setExit(2);
      }
      const pullInterval = Number(options.pullInterval);
      if (!(pullInterval > 0 && pullInterval <= 86_400)) {
        ctx.output.err('parley: --pull-interval must be a number of seconds between 0 and 86400');
        return ctx.setExit(2);
      }
      const leaseTtl = Number(options.leaseTtl);
      if (!(leaseTtl >= 0.3 && leaseTtl <= 3600)) {
        ctx.output.err('parley: --lease-ttl must be a number of seconds between 0.3 and 3600');
        return ctx.setExit(2);
      }
      // JSON logs go to stderr so that stdout carries only the `listening on` contract line.
      const logger = pino({ level: process.env.PARLEY_LOG_LEVEL ?? 'info' }, pino.destination(2));
      const config = readNodeConfig(options.data);
      // A hotline node's store: --database, else DATA/node.json's database, else DATA/parley.db (openNodeStore).
      const initialised = isInitialised(options.data, options.database);
      // A serving node delivers through the persistent outbox (retries, thread order); one-shot CLI commands deliver directly.
      let outbox: NodeOutbox | undefined;
      const node: ParleyNode | undefined = initialised
        ? await openNode(options.data, {
          backgroundCheckpoints: true, ...(options.database === undefined ? {} : { database: options.database }),
          dispatcher: (n) => (outbox = createNodeOutbox(n, new TaxiiDeliveryTransport(), { onError: (err) => logger.warn({ err }, 'outbox hook failed') })).outbox,
        })
        : undefined;
      // The serving node checkpoints the WAL on its own thread, out of the commits that answer requests.
      const store = node?.store ?? await openCommandStore(options, { backgroundCheckpoints: true });
      if (config.maxContentLength !== undefined) {
        const root = (await store.collections.apiRoots()).find((r) => r.isDefault);
        if (root) await store.collections.putApiRoot({ ...root, maxContentLength: config.maxContentLength });
      }
      const inboxId = await node?.store.records.getState('inbox_collection');
      const mount = node ? await hotlineMounter(node) : undefined;
      const server = await createNodeServer({
        store, node: config.info, logger, host: options.host, port, checkThreads, ...(mount ? { mount } : {}), ...(node && inboxId ? { inbox: withFaultHook(nodeInbox(node, inboxId, outbox ? { confirm: (r) => outbox!.outbox.confirm(r) } : {}), process.env.PARLEY_FAULT) } : {}),
      });
      let jobs: LeasedJobs | undefined;
      // Pull mode: counterparts that publish for this node (`parley party poll`) are read every --pull-interval.
      const puller = node ? createNodePuller(node, {
        intervalMs: pullInterval * 1000,
        onReport: (report) => logPullReport(logger, report),
        onError: (party, err) => logger.warn({ party, err }, 'cannot poll counterpart'),
      }) : undefined;
      if (node) {
        // Of several instances on one store, the holder of each lease runs that job; the others stand by.
        jobs = new LeasedJobs({ leases: node.store.leases, holder: instanceHolderId(), ttlMs: Math.round(leaseTtl * 1000), onEvent: leaseEventLogger(logger) });
        // Only the `address` holder publishes where it listens, so a second instance does not overwrite the first's.
        await jobs.add('address', { start: () => adoptListeningUrl(options.data, server.url, options), stop: async () => {} });
        const check = () => node.service.checkDeadlines().then(
          (escalated) => escalated.length > 0 && logger.warn({ escalated: escalated.map((d) => ({ message: d.messageId, owedBy: d.owedBy })) }, 'deadlines escalated'),
          (error: unknown) => logger.error({ err: error }, 'deadline check failed'));
        await jobs.add('deadlines', periodicWork(check, interval * 1000));
        const resumed = await node.service.resumeHeld();
        if (resumed > 0) logger.info({ resumed }, 'held replies applied in thread order');
        if (outbox) await jobs.add('outbox', outbox);
        if (puller) await jobs.add('pull', puller);
      }
      ctx.output.out(`listening on ${server.url}`);
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      logger.info({ signal }, 'shutting down');
      // Stops the jobs and releases their leases, so that another instance takes them over at once.
      await jobs?.stop();
      await server.close();
      await store.close();
      logger.flush();
      ctx.setExit(0);
    });
};

