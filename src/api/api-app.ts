import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ParleyError } from '../errors.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import type { ApiEnv } from './api-env.ts';
import type { ApiHotlineService, ApiReadNode } from './api-node.ts';
import { errorResponse } from './api-error.ts';
import { collectionRoutes } from './collection-routes.ts';
import { directoryRoutes } from './directory-routes.ts';
import { logRoutes } from './log-routes.ts';
import { messageRoutes } from './message-routes.ts';
import { operatorAuth } from './operator-auth.ts';
import { operatorRoutes } from './operator-routes.ts';
import { outboxRoutes } from './outbox-routes.ts';
import { reviewRoutes } from './review-routes.ts';
import { sessionRoutes, signInRoute } from './session-routes.ts';
import { threadRoutes } from './thread-routes.ts';

/** Options of the `/api/` app. */
export interface ApiAppOptions {
  node: ApiReadNode;
  /** The hotline service behind the POST commands; without one they answer 503 UNAVAILABLE. */
  service?: ApiHotlineService;
  /** The largest request body accepted (default 16 MiB, the TAXII API root's default max_content_length). */
  maxBodyBytes?: number;
  /** How long a session token lives (default 12 hours: one duty shift). */
  sessionTtlMs?: number;
  now?: () => Date;
}

const TWELVE_HOURS = 12 * 3_600_000;

/** Builds the `/api/` routes (to be mounted at `/api`): sign-in, operator auth, read models and commands. */
export function createApiApp(options: ApiAppOptions): Hono<ApiEnv> {
  const { node } = options;
  const now = options.now ?? (() => new Date());
  const sessions = node.store.sessions;
  const app = new Hono<ApiEnv>();
  app.onError((error, c) => errorResponse(c, error));
  const maxSize = options.maxBodyBytes ?? 16 * 1024 * 1024;
  app.use('*', bodyLimit({ maxSize, onError: (c) => errorResponse(c, new ParleyError('PAYLOAD_TOO_LARGE', `a request body may hold at most ${maxSize} bytes`)) }));
  app.route('/', signInRoute(node.store.hotline, sessions, options.sessionTtlMs ?? TWELVE_HOURS));
  app.use('*', operatorAuth(node.store.hotline, sessions));
  app.route('/', sessionRoutes(sessions));
  app.route('/', threadRoutes(node, now));
  app.route('/', directoryRoutes(node, now));
  app.route('/', reviewRoutes(node, now));
  app.route('/', collectionRoutes(node));
  app.route('/', logRoutes(node));
  app.route('/', outboxRoutes(node));
  app.route('/', operatorRoutes(node.store.hotline, sessions));
  if (options.service) app.route('/', messageRoutes(node, options.service));
  else refuseCommands(app);
  app.all('*', (c) => errorResponse(c, new ParleyError('NOT_FOUND', `no API route ${c.req.method} ${new URL(c.req.url).pathname}`)));
  return app;
}

/** Without a hotline service nothing can be sent: the command routes say so (503) instead of a misleading 404. */
function refuseCommands(app: Hono<ApiEnv>): void {
  const refuse = () => {
    throw new ParleyError('UNAVAILABLE', 'this node runs without its hotline service: messages cannot be sent');
  };
  for (const path of ['/messages', '/messages/*', '/parties/:id/ping']) app.post(path, refuse);
}
