import { Hono } from 'hono';
import { ParleyError } from '../errors.ts';
import type { StoredMessage } from '../store/hotline-store.ts';
import type { ApiEnv } from './api-env.ts';
import type { ApiReadNode } from './api-node.ts';
import { loadMessageViewContext } from './read-context.ts';
import { listAllMessages } from './views/all-messages.ts';
import type { DeadlineView } from './views/deadline-view.ts';
import { filterDeadlines, listDeadlineViews, parseDeadlineFilter } from './views/deadline-list.ts';
import { messageView } from './views/message-view.ts';
import { loadPartyDirectory } from './views/party-directory.ts';
import { compareByUrgency, summariseThread } from './views/thread-summary.ts';

/** `GET /threads`, `GET /threads/:threadId`, `GET /deadlines`. */
export function threadRoutes(node: ApiReadNode, now: () => Date): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const hotline = node.store.hotline;

  app.get('/threads', async (c) => {
    const at = now().getTime();
    const directory = await loadPartyDirectory(hotline, node.self);
    const [messages, deadlines] = await Promise.all([listAllMessages(hotline), listDeadlineViews(hotline, directory, at)]);
    const threads = new Map<string, StoredMessage[]>();
    for (const m of messages) {
      const list = threads.get(m.message.thread_id);
      if (list) list.push(m);
      else threads.set(m.message.thread_id, [m]);
    }
    const deadlinesByThread = new Map<string, DeadlineView[]>();
    for (const d of deadlines) {
      const list = deadlinesByThread.get(d.thread_id);
      if (list) list.push(d);
      else deadlinesByThread.set(d.thread_id, [d]);
    }
    const summaries = [...threads.entries()].map(([id, list]) => {
      const ordered = list.sort((a, b) => Date.parse(a.message.created) - Date.parse(b.message.created) || a.seq - b.seq);
      return summariseThread(ordered, deadlinesByThread.get(id) ?? [], directory);
    });
    return c.json(summaries.sort(compareByUrgency));
  });

  app.get('/threads/:threadId', async (c) => {
    const threadId = c.req.param('threadId');
    const messages = await hotline.listThread(threadId);
    if (messages.length === 0) throw new ParleyError('NOT_FOUND', `no thread ${threadId}`);
    const ctx = await loadMessageViewContext(node, messages);
    const deadlines = await listDeadlineViews(hotline, ctx.directory, now().getTime(), threadId);
    const views = [];
    for (const stored of messages) views.push(await messageView(stored, ctx));
    return c.json({ thread: summariseThread(messages, deadlines, ctx.directory), messages: views, deadlines });
  });

  app.get('/deadlines', async (c) => {
    const filter = parseDeadlineFilter(c.req.query('state'));
    const directory = await loadPartyDirectory(hotline, node.self);
    return c.json(filterDeadlines(await listDeadlineViews(hotline, directory, now().getTime()), filter));
  });
  return app;
}
