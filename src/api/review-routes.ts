import { Hono } from 'hono';
import type { ApiEnv } from './api-env.ts';
import type { ApiReadNode } from './api-node.ts';
import { requirePermission } from './operator-auth.ts';
import { listAllMessages } from './views/all-messages.ts';
import { loadPartyDirectory } from './views/party-directory.ts';
import { parseReviewQuery, reviewReport } from './views/review-report.ts';

/** `GET /review?counterpart=&from=&to=` (supervisors and administrators). */
export function reviewRoutes(node: ApiReadNode, now: () => Date): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const hotline = node.store.hotline;
  app.get('/review', requirePermission('review'), async (c) => {
    const at = now().getTime();
    const query = parseReviewQuery(c.req.query('from'), c.req.query('to'), c.req.query('counterpart'), at);
    const [directory, messages, deadlines] = await Promise.all([
      loadPartyDirectory(hotline, node.self), listAllMessages(hotline), hotline.listDeadlines(),
    ]);
    return c.json(reviewReport(query, directory, messages, deadlines, at));
  });
  return app;
}
