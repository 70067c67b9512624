import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { ParleyError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { InboxHandler } from './inbox-handler.ts';
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
}

/** Starts the HTTP server on host:port (0 = a free port) and resolves once it accepts connections. */
export async function createNodeServer(options: NodeServerOptions): Promise<NodeServer> {
  const app = createTaxiiApp(options);
  options.mount?.(app);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    app,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }),
  };
}

/** The optional `DATA/node.json`: discovery information plus the default API root's max_content_length. */
export interface NodeConfig {
  info: NodeInfo;
  maxContentLength?: number;
}

/** Reads the optional `DATA/node.json` ({ "title", "description", "contact", "max_content_length" }). */
export function readNodeConfig(dataDir: string): NodeConfig {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'node.json'), 'utf8');
  } catch {
    return Object.freeze({ info: Object.freeze({ title: 'Parley node' }) });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ParleyError('BAD_REQUEST', `${join(dataDir, 'node.json')} is not valid JSON`);
  }
  const o = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const max = o.max_content_length;
  if (max !== undefined && !(Number.isInteger(max) && (max as number) > 0)) {
    throw new ParleyError('BAD_REQUEST', `${join(dataDir, 'node.json')}: max_content_length must be a positive integer`);
  }
  const info: NodeInfo = Object.freeze({
    title: typeof o.title === 'string' ? o.title : 'Parley node',
    ...(typeof o.description === 'string' ? { description: o.description } : {}),
    ...(typeof o.contact === 'string' ? { contact: o.contact } : {}),
  });
  return Object.freeze({ info, ...(max === undefined ? {} : { maxContentLength: max as number }) });
}
