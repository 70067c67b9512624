import { readFileSync } from 'node:fs';
import { ParleyError } from '../../errors.ts';
import { parseParty, partyExtension } from '../../hotline/party.ts';
import { partyDormancy } from '../../federation/party-dormancy.ts';
import { versionInForce } from '../../hotline/agreement.ts';
import { partyIndex } from '../../node/compose-checks.ts';
import type { Message } from '../../hotline/message.ts';
import type { HotlineStore } from '../../store/hotline-store.ts';
import { withNodeOptions } from '../data-dir.ts';
import { passwordFromStdin, resolveParty, withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';

/** `parley party export|add|list|credentials`: the directory of parties. */
export const registerParty: RegisterCommand = (program, ctx) => {
  const group = program.command('party').description('the directory of parties');
  withNodeOptions(group.command('export').description('print this node\'s published party record (JSON)'))
    .action((options: { data: string }) => withNode(options, async (node) => {
      ctx.output.out(JSON.stringify(await node.store.hotline.getOwnParty(), null, 2));
    }));
  withNodeOptions(group.command('add <source>').description('add a counterpart from its party record: a file, or a node URL (fetches URL/api/party)'))
    .action((source: string, options: { data: string }) => withNode(options, async (node) => {
      const party = parseParty(await readRecord(source));
      if (party.id === node.self.id) throw new ParleyError('CONFLICT', 'that is this node\'s own party record');
      await node.store.hotline.putParty(party, { own: false });
      ctx.output.out(`party ${party.id} ${party.name}`);
    }));
  withNodeOptions(group.command('list').description('list parties: id, name, own/counterpart, account, API root, dormant/active, push/pull, polling (tab-separated)'))
    .option('--at <time>', 'judge dormancy as of this ISO 8601 time (default: now)')
    .action((options: { data: string; at?: string }) => withNode(options, async (node) => {
      const at = options.at === undefined ? Date.now() : Date.parse(options.at);
      if (!Number.isFinite(at)) throw new ParleyError('BAD_REQUEST', `--at must be an ISO 8601 time, not "${options.at}"`);
      const findParty = await partyIndex(node.store.hotline);
      const inForce = [];
      for (const a of await node.store.hotline.listAgreements()) {
        const version = versionInForce(await node.store.hotline.getAgreementVersions(a.id), findParty);
        if (version) inForce.push(version);
      }
      const messages = await communicationMessages(node.store.hotline);
      for (const { party, own } of await node.store.hotline.listParties()) {
        const hasAccount = own ? '-' : (await node.store.records.getCredentials(party.id)) ? 'account' : 'no-account';
        const dormancy = own ? '-' : partyDormancy(messages, node.self.id, party.id, inForce, at).dormant ? 'dormant' : 'active';
        const delivery = own ? undefined : await node.store.links.delivery(party.id);
        const mode = delivery?.outgoing ?? '-';
        const polling = delivery?.pollCollection === undefined ? '-' : 'polling';
        ctx.output.out(`${party.id}\t${party.name}\t${own ? 'own' : 'counterpart'}\t${hasAccount}\t${partyExtension(party).taxii.api_root}\t${dormancy}\t${mode}\t${polling}`);
      }
    }));
  withNodeOptions(group.command('credentials <party>').description('store the account a counterpart gave this node on its node'))
    .requiredOption('--username <username>', 'the account name')
    .requiredOption('--password-stdin', 'read the password from standard input (first line)')
    .action(async (ref: string, options: { data: string; username: string }) => {
      const password = await passwordFromStdin();
      await withNode(options, async (node) => {
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

/** Every ping and ping reply the node holds (the communication checks dormancy is judged on), page by page. */
async function communicationMessages(hotline: HotlineStore): Promise<Message[]> {
  const out: Message[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await hotline.listMessages({ limit: 1000, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    for (const { message } of page) if (message.kind === 'ping' || message.kind === 'ping-reply') out.push(message);
    if (page.length < 1000) return out;
    beforeSeq = page.at(-1)!.seq;
  }
}
