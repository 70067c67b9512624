import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Store } from '../store/store.ts';
import type { InboxHandler } from './inbox-handler.ts';
import { inlineChecker } from './ingest/envelope-checker.ts';
import { createWorkerChecker } from './ingest/worker-checker.ts';
import { createTaxiiApp } from './taxii-app.ts';
import type { NodeInfo, TaxiiEnv } from './taxii-env.ts';

/** A running node: its URL, its app and a clean shutdown. */
export interface NodeServer {
  url: string;
  /** The app serving requests; Hono's router is built on the first request, so mount routes through `mount`. */
  app: Hono<TaxiiEnv>;
  /** Stops accepting connections and resolves once in-flight requests have finished. */
  close(): Promise<void>;
}

/** What `createNodeServer` needs; `mount` adds other route groups (hotline API, console) before listening. */
export interface NodeServerOptions {
  store: Store;
  node: NodeInfo;
  logger: Logger;
  host: string;
  port: number;
  mount?: (app: Hono<TaxiiEnv>) => void;
  /** The hotline's handler for POSTs to the node's inbox collection. */
  inbox?: InboxHandler;
  /**
   * Worker threads that parse and validate POST bodies; 0 (the default here, so embedded and test servers start no
   * thread) checks on the request's thread. `parley serve` passes defaultCheckThreads(); see docs/taxii.md.
   */
  checkThreads?: number;
}

/**
 * `parley serve`'s default number of check threads: 1 when the machine has 2 or more CPUs, else 0. One worker takes parsing and
 * validation (about half of a POST's CPU on the request thread) off the thread that runs SQLite, so on two free cores
 * ingest is bounded by the SQL alone; with a single CPU the worker would only add message costs.
 */
export function defaultCheckThreads(cpus: number = availableParallelism()): number {
  return cpus >= 2 ? 1 : 0;
}

/** Starts the HTTP server on host:port (0 = a free port) and resolves once it accepts connections. */
export async function createNodeServer(options: NodeServerOptions): Promise<NodeServer> {
  const threads = options.checkThreads ?? 0;
  const checker = threads > 0 ? createWorkerChecker(threads) : inlineChecker;
  const app = createTaxiiApp({ ...options, checker });
  options.mount?.(app);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () => resolve(s));
    s.once('error', reject);
  });
  // Keep idle connections longer than clients do (undici: 4 s), so a client never reuses a socket the server is
  // closing at that very moment ("other side closed" under load); Node's default is 5 s.
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    app,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await checker.close();
    },
  };
}

export { readNodeConfig, type NodeConfig } from './node-config.ts';
