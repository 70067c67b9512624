import { ParleyError } from '../../errors.ts';
import { MESSAGE_KINDS, PRIORITIES, type MessageKind } from '../../hotline/message-kinds.ts';
import { TLP_LEVELS, type TlpLevel } from '../../hotline/tlp.ts';
import { withNodeOptions } from '../data-dir.ts';
import { bodyFrom, evidenceFrom } from '../node/compose-input.ts';
import { cliActor, reportDelivery, resolveParty, withNode } from '../node/with-node.ts';
import type { RegisterCommand } from './index.ts';
import { collect } from '../repeatable.ts';

interface SendFlags {
  data: string; to: string[]; subject?: string; body?: string; bodyFile?: string; evidence?: string; priority: string; tlp?: string;
  thread?: string; replyTo?: string; language: string; agreement?: string; sector?: string; severity?: string; incident?: string;
  requestType?: string; requestedAction?: string; activityStart?: string; activityEnd?: string; findings?: string; actionsTaken?: string;
  outcome?: string; regime: string[]; awarenessTime?: string; ransomPaymentTime?: string;
}

/** `parley send KIND --to PARTY ... [options]`: composes, signs, stores, logs and delivers a message; prints its id. */
export const registerSend: RegisterCommand = (program, ctx) => {
  withNodeOptions(program.command('send <kind>').description(`send a message (${MESSAGE_KINDS.join(', ')}); prints its id`))
    .option('--to <party>', 'recipient party id or name (repeatable)', collect, [])
    .option('--subject <text>', 'subject')
    .option('--body <text>', 'body text')
    .option('--body-file <file>', 'read the body from a file')
    .option('--evidence <bundle>', 'STIX bundle (or list of objects) to attach')
    .option('--priority <p>', `priority (${PRIORITIES.join(', ')})`, 'routine')
    .option('--tlp <tlp>', `TLP (${TLP_LEVELS.join(', ')}; default: the agreement's)`)
    .option('--thread <id>', 'continue a thread (replies to the message that opened it)')
    .option('--reply-to <id>', 'the message this one answers')
    .option('--language <tag>', 'language of the message', 'en')
    .option('--agreement <id>', 'the agreement to send under (default: the one in force)')
    .option('--sector <s>', 'sector (notification, consultation, advance-notice)')
    .option('--severity <s>', 'severity: low, medium, high, critical (notification)')
    .option('--incident <id>', 'the attached incident (notification; default: the first incident in --evidence)')
    .option('--request-type <t>', 'information, assistance or action (request)')
    .option('--requested-action <text>', 'what is asked (request)')
    .option('--activity-start <time>', 'start of the announced activity (advance-notice)')
    .option('--activity-end <time>', 'end of the announced activity (advance-notice)')
    .option('--findings <text>', 'findings (response)')
    .option('--actions-taken <text>', 'actions taken (response)')
    .option('--outcome <o>', 'resolved, mitigated, unresolved or withdrawn (closure)')
    .option('--regime <r>', 'regulatory regime nis2 or circia (notification; repeatable)', collect, [])
    .option('--awareness-time <time>', 'when the incident became known (with --regime)')
    .option('--ransom-payment-time <time>', 'when a ransom was paid (CIRCIA)')
    .action((kind: string, o: SendFlags) => withNode(o, async (node) => {
      if (!(MESSAGE_KINDS as readonly string[]).includes(kind)) throw new ParleyError('BAD_REQUEST', `unknown kind ${kind} (${MESSAGE_KINDS.join(', ')})`);
      if (!(PRIORITIES as readonly string[]).includes(o.priority)) throw new ParleyError('BAD_REQUEST', `--priority must be one of ${PRIORITIES.join(', ')}`);
      if (o.tlp !== undefined && !(TLP_LEVELS as readonly string[]).includes(o.tlp)) throw new ParleyError('BAD_REQUEST', `--tlp must be one of ${TLP_LEVELS.join(', ')}`);
      const to = await Promise.all(o.to.map(async (p) => (await resolveParty(node, p)).id));
      if (to.length === 0) throw new ParleyError('BAD_REQUEST', 'name at least one recipient with --to');
      const evidence = evidenceFrom(o.evidence);
      const incident = o.incident ?? (kind === 'notification' ? evidence.find((e) => e.type === 'incident')?.id : undefined);
      const fields: Record<string, unknown> = Object.fromEntries(Object.entries({
        agreement_ref: o.agreement, sector: o.sector, severity: o.severity, incident_ref: incident, request_type: o.requestType,
        requested_action: o.requestedAction, activity_start: o.activityStart, activity_end: o.activityEnd, findings: o.findings,
        actions_taken: o.actionsTaken, outcome: o.outcome,
      }).filter(([, v]) => v !== undefined));
      if (o.regime.length > 0) {
        if (!o.awarenessTime) throw new ParleyError('BAD_REQUEST', '--regime needs --awareness-time');
        fields.regulatory_reporting = { regimes: o.regime, awareness_time: o.awarenessTime, ...(o.ransomPaymentTime ? { ransom_payment_time: o.ransomPaymentTime } : {}) };
      }
      const tlp = (o.tlp ?? (await defaultTlp(node, o.agreement))) as TlpLevel;
      const stored = await node.service.send({
        kind: kind as MessageKind, to, priority: o.priority as 'routine', tlp, language: o.language,
        subject: o.subject ?? kind, body: bodyFrom(o), fields, evidence,
        ...(o.replyTo ? { in_reply_to: o.replyTo } : {}), ...(o.thread ? { thread_id: o.thread } : {}),
      }, cliActor());
      ctx.output.out(stored.message.id);
      ctx.setExit(await reportDelivery(node, stored.message.id, to, ctx.output));
    }));
};

async function defaultTlp(node: import('../../node/parley-node.ts').ParleyNode, agreementId: string | undefined): Promise<string> {
  const agreements = await node.store.hotline.listAgreements();
  return (agreements.find((a) => a.id === agreementId) ?? agreements[0])?.rules.default_tlp ?? 'amber';
}
