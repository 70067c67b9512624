import type { StoredMessage } from '../store/hotline-store.ts';
import type { ApiReadNode, DeliveryView } from './api-node.ts';
import { indexLogEntries } from './views/log-index.ts';
import type { MessageViewContext } from './views/message-view.ts';
import { loadPartyDirectory } from './views/party-directory.ts';

/** Loads what views of these messages need: parties, agreements, their log entries and the outbox's deliveries. */
export async function loadMessageViewContext(node: ApiReadNode, messages: readonly StoredMessage[]): Promise<MessageViewContext> {
  const [directory, logIndex, deliveries] = await Promise.all([
    loadPartyDirectory(node.store.hotline, node.self),
    indexLogEntries(node.store.log, messages.filter((m) => m.direction === 'received').map((m) => m.message.id)),
    node.outbox ? node.outbox.deliveries() : Promise.resolve([] as DeliveryView[]),
  ]);
  return { node, directory, logIndex, deliveries };
}
