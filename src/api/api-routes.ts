import type { Hono } from 'hono';
import type { ApiEnv } from './api-env.ts';
import { createApiApp } from './api-app.ts';
import type { ApiNode, ApiReadNode } from './api-node.ts';

/** The outbox interface the API reads, when the node's store has one. */
function outboxOf(store: ApiNode['store']): ApiReadNode['outbox'] {
  const outbox = store.outbox as { deliveries?: unknown } | undefined;
  return typeof outbox?.deliveries === 'function' ? (outbox as NonNullable<ApiReadNode['outbox']>) : undefined;
}

/** The node's hotline JSON API, mounted by `parley serve` with `app.route('/api', createApiRoutes(node))`. */
export function createApiRoutes(node: ApiNode): Hono<ApiEnv> {
  const outbox = outboxOf(node.store);
  return createApiApp({
    node: {
      store: node.store,
      log: node.log,
      self: node.self,
      ...(outbox ? { outbox } : {}),
      receiptOf: (messageId, recipient) => node.service.receiptOf(messageId, recipient),
      ...(node.service.evidenceOf ? { evidenceOf: node.service.evidenceOf.bind(node.service) } : {}),
    },
    service: node.service,
  });
}
