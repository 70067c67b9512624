import { ParleyError } from '../../errors.ts';
import { signatureStatus, versionInForce, type AgreementProposal } from '../../hotline/agreement.ts';
import { MESSAGE_KINDS, type MessageKind } from '../../hotline/message-kinds.ts';
import { partyIndex } from '../../node/compose-checks.ts';
import { proposeAndSend, signAndSend } from '../../node/agreement-exchange.ts';
import type { ParleyNode } from '../../node/parley-node.ts';
import { withNodeOptions } from '../data-dir.ts';
import { resolveParty, withNode } from '../node/with-node.ts';
import { registerAgreementAmend } from './agreement-amend.ts';
import { parseDeadlineRule, readJsonObjectFile, reportSent } from './agreement-flags.ts';
import type { RegisterCommand } from './index.ts';
import { collect } from '../repeatable.ts';

interface ProposeFlags {
  data: string; party: string[]; name: string; kind: string[]; deadline: string[]; sector: string[];
  defaultTlp: string; language: string[]; checkHours: string;
}

/** `parley agreement propose [FILE] [flags]`, `agreement sign ID`, `agreement amend ID [FILE] [flags]`, `agreement show [ID]`. */
export const registerAgreement: RegisterCommand = (program, ctx) => {
  const group = program.command('agreement').description('agreements between parties');
  withNodeOptions(group.command('propose [file]').description('propose an agreement (JSON file or flags), sign it and send it to the other parties'))
    .option('--party <party>', 'another party to the agreement (repeatable)', collect, [])
    .option('--name <name>', 'the agreement\'s name', 'Hotline agreement')
    .option('--kind <kind>', 'a message kind the parties use (repeatable; default all)', collect, [])
    .option('--deadline <rule>', 'KIND:PRIORITY:ACK_MINUTES[:RESPOND_MINUTES] (repeatable)', collect, [])
    .option('--sector <sector>', 'a protected sector every party commits to (repeatable; default healthcare)', collect, [])
    .option('--default-tlp <tlp>', 'default TLP', 'amber')
    .option('--language <tag>', 'a working language (repeatable; default en)', collect, [])
    .option('--check-hours <hours>', 'interval of communication checks', '720')
    .action((file: string | undefined, options: ProposeFlags) => withNode(options, async (node) => {
      const proposal = file ? await fromFile(node, file) : await fromFlags(node, options);
      const { agreement, deliveries } = await proposeAndSend(node, proposal);
      ctx.output.out(`agreement ${agreement.id} version ${agreement.version}`);
      ctx.setExit(await reportSent(node, deliveries, ctx.output));
    }));
  withNodeOptions(group.command('sign <id>').description('sign the latest version of an agreement and send the signed version to the other parties'))
    .action((id: string, options: { data: string }) => withNode(options, async (node) => {
      const { agreement, deliveries } = await signAndSend(node, id);
      const status = signatureStatus(agreement, await partyIndex(node.store.hotline));
      const state = status.missing.length === 0 && status.invalid.length === 0 ? 'in force' : `not in force (missing: ${status.missing.join(', ')})`;
      ctx.output.out(`agreement ${agreement.id} version ${agreement.version} signed; ${state}`);
      ctx.setExit(await reportSent(node, deliveries, ctx.output));
    }));
  registerAgreementAmend(group, ctx);
  withNodeOptions(group.command('show [id]').description('list agreements, or show one (status line, then JSON)'))
    .action((id: string | undefined, options: { data: string }) => withNode(options, async (node) => {
      const findParty = await partyIndex(node.store.hotline);
      if (!id) {
        for (const a of await node.store.hotline.listAgreements()) {
          const inForce = versionInForce(await node.store.hotline.getAgreementVersions(a.id), findParty);
          ctx.output.out(`${a.id}\t${a.version}\t${inForce ? `in force (version ${inForce.version})` : 'not in force'}\t${a.name}`);
        }
        return;
      }
      const versions = await node.store.hotline.getAgreementVersions(id);
      const latest = versions.at(-1);
      if (!latest) throw new ParleyError('NOT_FOUND', `no agreement ${id}`);
      const status = signatureStatus(latest, findParty);
      const inForce = versionInForce(versions, findParty);
      ctx.output.out(`agreement ${id} version ${latest.version}: ${inForce ? `in force (version ${inForce.version})` : 'not in force'}`);
      ctx.output.out(`signed by: ${status.signed.join(', ') || '-'}`);
      ctx.output.out(`missing: ${status.missing.join(', ') || '-'}`);
      ctx.output.out(JSON.stringify(latest, null, 2));
    }));
};

async function fromFile(node: ParleyNode, file: string): Promise<Omit<AgreementProposal, 'proposerRef'>> {
  const value = readJsonObjectFile(file);
  const refs = Array.isArray(value.party_refs) ? (value.party_refs as string[]) : [];
  const partyRefs = [node.self.id, ...(await Promise.all(refs.map(async (r) => (await resolveParty(node, r)).id))).filter((r) => r !== node.self.id)];
  return {
    partyRefs, name: String(value.name ?? 'Hotline agreement'), ...(typeof value.description === 'string' ? { description: value.description } : {}),
    commitments: (value.commitments as AgreementProposal['commitments']) ?? partyRefs.map((party_ref) => ({ party_ref, protected_sectors: ['healthcare'] })),
    rules: value.rules as AgreementProposal['rules'],
  };
}

async function fromFlags(node: ParleyNode, o: ProposeFlags): Promise<Omit<AgreementProposal, 'proposerRef'>> {
  if (o.party.length === 0) throw new ParleyError('BAD_REQUEST', 'name the other parties with --party (or give a JSON file)');
  const others = await Promise.all(o.party.map(async (p) => (await resolveParty(node, p)).id));
  const partyRefs = [node.self.id, ...others];
  const kinds = (o.kind.length > 0 ? o.kind : [...MESSAGE_KINDS]) as MessageKind[];
  const deadlines = o.deadline.map(parseDeadlineRule);
  const sectors = o.sector.length > 0 ? o.sector : ['healthcare'];
  return {
    partyRefs, name: o.name,
    commitments: partyRefs.map((party_ref) => ({ party_ref, protected_sectors: sectors })),
    rules: {
      message_kinds: kinds, deadlines, default_tlp: o.defaultTlp as AgreementProposal['rules']['default_tlp'],
      working_languages: o.language.length > 0 ? o.language : ['en'], communication_check_hours: Number(o.checkHours),
    },
  };
}
