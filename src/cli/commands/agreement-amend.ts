import type { Command } from 'commander';
import { ParleyError } from '../../errors.ts';
import type { Agreement, AgreementAmendment } from '../../hotline/agreement.ts';
import type { MessageKind } from '../../hotline/message-kinds.ts';
import { amendAndSend } from '../../node/agreement-exchange.ts';
import type { ParleyNode } from '../../node/parley-node.ts';
import { withNodeOptions } from '../data-dir.ts';
import type { CommandContext } from '../main.ts';
import { resolveParty, withNode } from '../node/with-node.ts';
import { parseDeadlineRule, readJsonObjectFile, reportSent } from './agreement-flags.ts';
import { collect } from '../repeatable.ts';

interface AmendFlags {
  data: string; party: string[]; name?: string; description?: string; kind: string[]; deadline: string[]; sector: string[];
  defaultTlp?: string; language: string[]; checkHours?: string;
}

/** `parley agreement amend ID [FILE] [flags]`: the next version, with only what the file or flags change. */
export function registerAgreementAmend(group: Command, ctx: CommandContext): void {
  withNodeOptions(group.command('amend <id> [file]').description('propose the next version of an agreement (changes from a JSON file or flags), sign it and send it'))
    .option('--party <party>', 'the other parties of the new version (repeatable; replaces the list)', collect, [])
    .option('--name <name>', 'a new name')
    .option('--description <text>', 'a new description')
    .option('--kind <kind>', 'the message kinds of the new version (repeatable; replaces the list)', collect, [])
    .option('--deadline <rule>', 'KIND:PRIORITY:ACK_MINUTES[:RESPOND_MINUTES] (repeatable; replaces the rule of that kind and priority)', collect, [])
    .option('--sector <sector>', 'the protected sectors every party commits to (repeatable; replaces them)', collect, [])
    .option('--default-tlp <tlp>', 'a new default TLP')
    .option('--language <tag>', 'the working languages (repeatable; replaces the list)', collect, [])
    .option('--check-hours <hours>', 'a new interval of communication checks')
    .action((id: string, file: string | undefined, options: AmendFlags) => withNode(options, async (node) => {
      const latest = (await node.store.hotline.getAgreementVersions(id)).at(-1);
      if (!latest) throw new ParleyError('NOT_FOUND', `no agreement ${id}`);
      const changes = file ? amendmentFromFile(file) : await amendmentFromFlags(node, latest, options);
      if (Object.keys(changes).length === 0) throw new ParleyError('BAD_REQUEST', 'nothing to amend: give a JSON file or at least one change flag');
      const { agreement, deliveries } = await amendAndSend(node, id, changes);
      ctx.output.out(`agreement ${agreement.id} version ${agreement.version}`);
      ctx.setExit(await reportSent(node, deliveries, ctx.output));
    }));
}

const AMENDABLE = ['name', 'description', 'party_refs', 'commitments', 'rules'] as const;

function amendmentFromFile(file: string): AgreementAmendment {
  const value = readJsonObjectFile(file);
  const unknown = Object.keys(value).filter((k) => !(AMENDABLE as readonly string[]).includes(k));
  if (unknown.length > 0) throw new ParleyError('BAD_REQUEST', `${file}: an amendment may change only ${AMENDABLE.join(', ')} (not ${unknown.join(', ')})`);
  return value as AgreementAmendment;
}

async function amendmentFromFlags(node: ParleyNode, latest: Agreement, o: AmendFlags): Promise<AgreementAmendment> {
  const changes: AgreementAmendment = {};
  if (o.name !== undefined) changes.name = o.name;
  if (o.description !== undefined) changes.description = o.description;
  const partyRefs = o.party.length > 0
    ? [node.self.id, ...(await Promise.all(o.party.map(async (p) => (await resolveParty(node, p)).id))).filter((r) => r !== node.self.id)]
    : latest.party_refs;
  if (o.party.length > 0) changes.party_refs = partyRefs;
  if (o.sector.length > 0 || o.party.length > 0) {
    const sectorsOf = (ref: string) => o.sector.length > 0 ? o.sector : latest.commitments.find((c) => c.party_ref === ref)?.protected_sectors ?? latest.commitments[0]?.protected_sectors ?? [];
    changes.commitments = partyRefs.map((party_ref) => ({ party_ref, protected_sectors: sectorsOf(party_ref) }));
  }
  const rules = { ...latest.rules };
  if (o.kind.length > 0) rules.message_kinds = o.kind as MessageKind[];
  if (o.deadline.length > 0) {
    const given = o.deadline.map(parseDeadlineRule);
    rules.deadlines = [...latest.rules.deadlines.filter((r) => !given.some((g) => g.kind === r.kind && g.priority === r.priority)), ...given];
  }
  if (o.defaultTlp !== undefined) rules.default_tlp = o.defaultTlp as Agreement['rules']['default_tlp'];
  if (o.language.length > 0) rules.working_languages = o.language;
  if (o.checkHours !== undefined) rules.communication_check_hours = Number(o.checkHours);
  if (o.kind.length > 0 || o.deadline.length > 0 || o.defaultTlp !== undefined || o.language.length > 0 || o.checkHours !== undefined) changes.rules = rules;
  return changes;
}
