import type { ApiReadNode, DeliveryView } from './api-node.ts';
import { indexLogEntries } from './views/log-index.ts';
import type { MessageViewContext } from './views/message-view.ts';
import { loadPartyDirectory } from './views/party-directory.ts';

/** Loads what message views need for one request: parties, agreements, the log index and the outbox's deliveries. */
export async function loadMessageViewContext(node: ApiReadNode): Promise<MessageViewContext> {
  const [directory, logIndex, deliveries] = await Promise.all([
    loadPartyDirectory(node.store.hotline, node.self),
    indexLogEntries(node.store.log),
    node.outbox ? node.outbox.deliveries() : Promise.resolve([] as DeliveryView[]),
  ]);
  return { node, directory, logIndex, deliveries };
}
