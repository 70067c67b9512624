import type { KeyObject } from 'node:crypto';
import { signatureStatus } from '../hotline/agreement.ts';
import { checkEvidence } from '../hotline/evidence.ts';
import { partyExtension } from '../hotline/party.ts';
import { verifyObjectSignature } from '../hotline/signature.ts';
import { objectDigest, type LogEntry } from '../ledger/log-entry.ts';
import { formatLogReport } from '../ledger/log-report.ts';
import { publicKeyFromBase64url } from '../ledger/sign.ts';
import { verifyLog } from '../ledger/verify-log.ts';
import { checkTransportReceipt } from '../federation/transport-receipt.ts';
import type { StoredMessage } from '../store/hotline-store.ts';
import { partyIndex } from './compose-checks.ts';
import type { ParleyNode } from './parley-node.ts';

/** The outcome of `parley verify`: the printed lines and whether everything verified. */
export interface NodeVerification {
  ok: boolean;
  lines: string[];
}

const section = (name: string, failures: string[], pass: string, total: number, what: string): string[] =>
  failures.length === 0 ? [`PASS ${name}: ${pass}`] : [`FAIL ${name}: ${failures.length} of ${total} ${what} do not verify`, ...failures.map((f) => `  ${f}`)];

/**
 * Re-checks everything the node holds: its log (verifyLog, with each message entry's digest compared with the
 * stored message), every stored message signature and evidence hash, every agreement signature, and every receipt
 * (checkpoint + inclusion proof) received from counterparts.
 */
export async function verifyNode(node: ParleyNode): Promise<NodeVerification> {
  const { hotline, records } = node.store;
  const own = (await hotline.getOwnParty())!;
  const findParty = await partyIndex(hotline);
  const messages = await allMessages(node);
  const digests = new Map(messages.map((s) => [`${s.message.id}|${Date.parse(s.message.modified)}`, objectDigest(s.message)]));
  // A reply held for thread order is logged on arrival but stored only once its predecessor is present.
  for (const held of await node.store.pending.list()) {
    digests.set(`${held.messageId}|${Date.parse(held.messageModified)}`, objectDigest(held.envelope.message));
  }
  const ownKeys = new Map(partyExtension(own).signing_keys.map((k) => [k.key_id, publicKeyFromBase64url(k.public_key)]));
  const report = await verifyLog(node.store.log, {
    publicKeyFor: (keyId: string): KeyObject | undefined => ownKeys.get(keyId),
    checkEntry: (entry: LogEntry) => {
      if (entry.kind !== 'message-sent' && entry.kind !== 'message-received') return null;
      const stored = digests.get(`${entry.object_id}|${Date.parse(entry.object_modified)}`);
      if (stored === undefined) return `message ${entry.object_id} is not stored`;
      return stored === entry.digest ? null : `digest differs from the stored message ${entry.object_id}`;
    },
  });
  const lines = formatLogReport(report);

  const messageFailures: string[] = [];
  for (const { message, direction } of messages) {
    const party = direction === 'sent' ? own : findParty(message.sender_ref);
    if (!party) {
      messageFailures.push(`message ${message.id}: sender ${message.sender_ref} unknown`);
      continue;
    }
    const verdict = verifyObjectSignature(message, party);
    if (!verdict.ok) messageFailures.push(`message ${message.id}: ${verdict.error.message}`);
    const evidence = checkEvidence(message.attachments, await records.evidenceOf(message.id));
    if (!evidence.ok) messageFailures.push(`message ${message.id}: ${evidence.error.message}`);
  }
  lines.push(...section('messages', messageFailures, `${messages.length} signatures verified`, messages.length, 'messages'));

  const agreementFailures: string[] = [];
  let versions = 0;
  let signatures = 0;
  for (const latest of await hotline.listAgreements()) {
    for (const version of await hotline.getAgreementVersions(latest.id)) {
      versions++;
      const status = signatureStatus(version, findParty);
      signatures += status.signed.length;
      for (const bad of status.invalid) agreementFailures.push(`agreement ${version.id} version ${version.version}: ${bad.partyRef}: ${bad.error.message}`);
    }
  }
  lines.push(...section('agreements', agreementFailures, `${versions} versions, ${signatures} signatures verified`, versions, 'agreement versions'));

  const receiptFailures: string[] = [];
  const receipts = await records.heldReceipts();
  for (const receipt of receipts) {
    const message = (await hotline.getMessage(receipt.message_id, receipt.message_modified))?.message;
    const recipient = findParty(receipt.recipient_ref);
    const problem = !message ? 'its message is not stored' : !recipient ? 'recipient unknown' : checkTransportReceipt(receipt, message, recipient);
    if (problem !== null) receiptFailures.push(`receipt for ${receipt.message_id} from ${receipt.recipient_ref}: ${problem}`);
  }
  lines.push(...section('receipts', receiptFailures, `${receipts.length} counterpart receipts verified`, receipts.length, 'receipts'));

  const ok = report.ok && messageFailures.length === 0 && agreementFailures.length === 0 && receiptFailures.length === 0;
  lines.push(ok ? 'verify: OK' : 'verify: FAILED');
  return { ok, lines };
}

async function allMessages(node: ParleyNode): Promise<StoredMessage[]> {
  const out: StoredMessage[] = [];
  for (let beforeSeq: number | undefined; ;) {
    const page = await node.store.hotline.listMessages({ limit: 1000, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    out.push(...page);
    if (page.length < 1000) return out;
    beforeSeq = page.at(-1)!.seq;
  }
}
