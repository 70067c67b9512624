import { ParleyError } from '../../errors.ts';
import { linkAccount, outboxCollectionId, setOutgoingMode } from '../../node/pull-mode.ts';
import { withNodeOptions } from '../data-dir.ts';
import { resolveParty, withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/**
 * `parley party mode PARTY pull|push`, `parley party poll PARTY [--collection ID] [--stop]`, `parley party account PARTY ACCOUNT`:
 * the pull fallback for a party that accepts no inbound connections (docs/federation.md, "Pull mode").
 */
export const registerPartyMode: RegisterCommand = (program, ctx) => {
  const group = program.commands.find((c) => c.name() === 'party') ?? program.command('party');
  withNodeOptions(group.command('mode <party> <mode>').description('how messages to PARTY travel: push (to its inbox) or pull (published here for it to fetch)'))
    .action(async (ref: string, mode: string, options: { data: string }) => {
      if (mode !== 'pull' && mode !== 'push') {
        ctx.output.err(`parley party mode: unknown mode "${mode}" (expected pull or push)`);
        return ctx.setExit(2);
      }
      await withNode(options, async (node) => {
        const party = await resolveParty(node, ref);
        const { collection, accounts } = await setOutgoingMode(node, party.id, mode);
        ctx.output.out(`party ${party.id} ${party.name}: ${mode}${collection ? ` (outbox collection ${collection})` : ''}`);
        if (mode === 'pull' && accounts.length === 0) {
          ctx.output.err(`parley: warning: no account is linked to ${party.name}; it cannot read its outbox collection until one is (parley party account)`);
        }
      });
    });
  withNodeOptions(group.command('poll <party>').description('read the outbox collection PARTY keeps for this node (it publishes for us) while serving'))
    .option('--collection <id>', 'the collection id (default: the id PARTY derives for this node)')
    .option('--stop', 'stop polling PARTY')
    .action((ref: string, options: { data: string; collection?: string; stop?: boolean }) => withNode(options, async (node) => {
      const party = await resolveParty(node, ref);
      if (party.id === node.self.id) throw new ParleyError('BAD_REQUEST', 'a node does not poll itself');
      if (options.stop) {
        await node.store.links.setPoll(party.id, undefined);
        ctx.output.out(`not polling ${party.name} (${party.id})`);
        return;
      }
      const collection = options.collection ?? outboxCollectionId(party.id, node.self.id);
      await node.store.links.setPoll(party.id, collection);
      ctx.output.out(`polling ${party.name} (${party.id}): collection ${collection}`);
      if (!(await node.store.records.getCredentials(party.id))) {
        ctx.output.err(`parley: warning: no account for ${party.name} yet; polls wait for one (parley party credentials)`);
      }
    }));
  withNodeOptions(group.command('account <party> <account>').description('link a TAXII account of this node to the counterpart that uses it'))
    .action((ref: string, account: string, options: { data: string }) => withNode(options, async (node) => {
      const party = await resolveParty(node, ref);
      await linkAccount(node, account, party.id);
      ctx.output.out(`account ${account} linked to ${party.name} (${party.id})`);
    }));
};
