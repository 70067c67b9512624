import { withNodeOptions } from '../data-dir.ts';
import { rotateKey } from '../../node/node-keys.ts';
import { withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** `parley key rotate`, `parley key list`: the node's signing keys. */
export const registerKey: RegisterCommand = (program, ctx) => {
  const group = program.command('key').description('the node\'s signing keys');
  withNodeOptions(group.command('rotate').description('add a new signing key; the current one stops being valid now (old signatures still verify)'))
    .action((o: { data: string }) => withNode(o, async (node) => {
      const own = (await node.store.hotline.getOwnParty())!;
      const at = new Date(Math.max(Date.now(), Date.parse(own.modified) + 1)).toISOString();
      const { party, key } = rotateKey(node.dataDir, own, at);
      await node.store.hotline.putParty(party, { own: true });
      ctx.output.out(`key ${key.key_id}`);
      ctx.output.err('publish the new party record: parley party export (counterparts run parley party add)');
    }));
  withNodeOptions(group.command('list').description('list keys: key id, valid from, valid until'))
    .action((o: { data: string }) => withNode(o, async (node) => {
      const own = (await node.store.hotline.getOwnParty())!;
      const ext = Object.values(own.extensions).find((e) => typeof e === 'object' && e !== null && 'signing_keys' in e) as { signing_keys: { key_id: string; valid_from: string; valid_until?: string }[] };
      for (const k of ext.signing_keys) ctx.output.out(`${k.key_id}\t${k.valid_from}\t${k.valid_until ?? '-'}`);
    }));
};
