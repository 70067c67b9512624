import { Hono } from 'hono';
import { partyExtension } from '../hotline/party.ts';
import type { ApiEnv } from './api-env.ts';
import type { ApiReadNode } from './api-node.ts';
import { agreementViews } from './views/agreement-view.ts';
import { listAllMessages } from './views/all-messages.ts';
import { loadPartyDirectory } from './views/party-directory.ts';
import { directoryViews, partyView } from './views/party-view.ts';

/** `GET /node`, `GET /parties`, `GET /agreements`. */
export function directoryRoutes(node: ApiReadNode, now: () => Date): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const hotline = node.store.hotline;

  app.get('/node', async (c) => {
    const directory = await loadPartyDirectory(hotline, node.self);
    const taxii = partyExtension(node.self).taxii;
    return c.json({
      party: partyView(node.self, directory, [], now().getTime()),
      api_root: taxii.api_root,
      inbox_collection: taxii.inbox_collection_id,
      console_url: `${new URL(c.req.url).origin}/`,
    });
  });

  app.get('/parties', async (c) => {
    const [directory, messages] = await Promise.all([loadPartyDirectory(hotline, node.self), listAllMessages(hotline)]);
    return c.json(directoryViews(directory, messages, now().getTime()));
  });

  app.get('/agreements', async (c) => c.json(agreementViews(await loadPartyDirectory(hotline, node.self))));
  return app;
}
