import { readFileSync } from 'node:fs';
import { ParleyError } from '../../errors.ts';
import { parseParty, partyExtension } from '../../hotline/party.ts';
import { withDataOption } from '../data-dir.ts';
import { passwordFromStdin, resolveParty, withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** `parley party export|add|list|credentials`: the directory of parties. */
export const registerParty: RegisterCommand = (program, ctx) => {
  const group = program.command('party').description('the directory of parties');
  withDataOption(group.command('export').description('print this node\'s published party record (JSON)'))
    .action((options: { data: string }) => withNode(options.data, async (node) => {
      ctx.output.out(JSON.stringify(await node.store.hotline.getOwnParty(), null, 2));
    }));
  withDataOption(group.command('add <source>').description('add a counterpart from its party record: a file, or a node URL (fetches URL/api/party)'))
    .action((source: string, options: { data: string }) => withNode(options.data, async (node) => {
      const party = parseParty(await readRecord(source));
      if (party.id === node.self.id) throw new ParleyError('CONFLICT', 'that is this node\'s own party record');
      await node.store.hotline.putParty(party, { own: false });
      ctx.output.out(`party ${party.id} ${party.name}`);
    }));
  withDataOption(group.command('list').description('list parties: id, name, own/counterpart, API root (tab-separated)'))
    .action((options: { data: string }) => withNode(options.data, async (node) => {
      for (const { party, own } of await node.store.hotline.listParties()) {
        const hasAccount = own ? '-' : node.store.records.getCredentials(party.id) ? 'account' : 'no-account';
        ctx.output.out(`${party.id}\t${party.name}\t${own ? 'own' : 'counterpart'}\t${hasAccount}\t${partyExtension(party).taxii.api_root}`);
      }
    }));
  withDataOption(group.command('credentials <party>').description('store the account a counterpart gave this node on its node'))
    .requiredOption('--username <username>', 'the account name')
    .requiredOption('--password-stdin', 'read the password from standard input (first line)')
    .action(async (ref: string, options: { data: string; username: string }) => {
      const password = await passwordFromStdin();
      await withNode(options.data, async (node) => {
        const party = await resolveParty(node, ref);
        if (party.id === node.self.id) throw new ParleyError('BAD_REQUEST', 'credentials are for counterparts, not this node');
        await node.store.transaction(async () => node.store.records.putCredentials({ partyId: party.id, username: options.username, password }));
        ctx.output.out(`credentials for ${party.name} stored`);
      });
    });
};

async function readRecord(source: string): Promise<unknown> {
  let text: string;
  if (/^https?:\/\//.test(source)) {
    const url = /\/api\/party\/?$/.test(source) ? source : `${source.replace(/\/+$/, '')}/api/party`;
    const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    if (!response.ok) throw new ParleyError('BAD_REQUEST', `${url} answered HTTP ${response.status}`);
    text = await response.text();
  } else {
    try {
      text = readFileSync(source, 'utf8');
    } catch (error) {
      throw new ParleyError('BAD_REQUEST', `cannot read ${source}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ParleyError('MALFORMED_JSON', `${source} is not JSON`);
  }
}
