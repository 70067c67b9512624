import { partyExtension, type Party } from '../src/hotline/party.ts';
import { apiRootOf } from '../src/node/init-node.ts';
import type { ParleyNode } from '../src/node/parley-node.ts';

/** Publishes where a bench node really listens (as `parley serve` does for a node initialised without --url). */
export async function publishAt(node: ParleyNode, url: string): Promise<Party> {
  const own = (await node.store.hotline.getOwnParty())!;
  const ext = partyExtension(own);
  const key = Object.keys(own.extensions).find((k) => own.extensions[k] === ext)!;
  const moved = { ...own, modified: new Date(Date.parse(own.modified) + 1).toISOString(), extensions: { ...own.extensions, [key]: { ...ext, taxii: { ...ext.taxii, api_root: apiRootOf(url) } } } } as Party;
  await node.store.hotline.putParty(moved, { own: true });
  return moved;
}
