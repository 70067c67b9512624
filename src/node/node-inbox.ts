import { ParleyError } from '../errors.ts';
import { AGREEMENT_TYPE, MESSAGE_TYPE } from '../hotline/extension-definitions.ts';
import type { StatusDetail } from '../store/status-store.ts';
import type { InboxHandler, InboxResult } from '../taxii/inbox-handler.ts';
import { receiveAgreement } from './agreement-exchange.ts';
import type { ParleyNode } from './parley-node.ts';
import { RECEIPT_TYPE, acceptReceipt, checkSenderAccount, type ConfirmReceipt } from './receipt-inbox.ts';

type Loose = Record<string, unknown>;
const str = (o: Loose, k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '');
const detail = (o: Loose, message?: string): StatusDetail => ({ id: str(o, 'id'), version: str(o, 'modified') || str(o, 'created'), ...(message ? { message } : {}) });
const failure = (o: Loose, error: unknown) =>
  detail(o, error instanceof ParleyError ? `${error.code}: ${error.message}` : `INTERNAL: ${error instanceof Error ? error.message : String(error)}`);

/**
 * The node's inbox: each message in an envelope goes through the hotline's receive pipeline with the objects it
 * attaches; agreement versions are merged into the stored agreement; receipts of pull-mode counterparts confirm
 * published deliveries (`options.confirm`, the outbox's); anything else is refused.
 */
export function nodeInbox(node: ParleyNode, inboxCollectionId: string, options: { confirm?: ConfirmReceipt } = {}): InboxHandler {
  return {
    isInbox: (id) => id === inboxCollectionId,
    async accept(objects, context = {}): Promise<InboxResult> {
      const result: InboxResult = { successes: [], failures: [], receipts: [] };
      const items = objects.map((o) => (typeof o === 'object' && o !== null ? (o as Loose) : {}));
      const messages = items.filter((o) => o.type === MESSAGE_TYPE);
      const attachedBy = new Map<string, Loose>();
      for (const m of messages) {
        for (const a of Array.isArray(m.attachments) ? m.attachments : []) {
          const ref = typeof a === 'object' && a !== null ? (a as Loose).object_ref : undefined;
          if (typeof ref === 'string') attachedBy.set(ref, m);
        }
      }
      const envelopes = messages.map((m) => {
        const refs = new Set((Array.isArray(m.attachments) ? m.attachments : []).map((a) => (a as Loose)?.object_ref));
        return { message: m, evidence: items.filter((o) => o !== m && refs.has(o.id)) };
      });
      // A message its posting account may not deliver is refused alone; the rest are received together (one
      // transaction, one checkpoint, a receipt each).
      const refused = await Promise.all(envelopes.map(({ message }) => checkSenderAccount(node, message, context.account).then(() => undefined, (error: ParleyError) => error)));
      const accepted = envelopes.filter((_, i) => !refused[i]);
      const received = accepted.length > 0 ? await node.service.receiveAll(accepted) : [];
      let next = 0;
      for (const [i, { message: m, evidence }] of envelopes.entries()) {
        const error = refused[i];
        const outcome = error ? { outcome: 'rejected' as const, error } : received[next++]!;
        if (outcome.outcome === 'rejected') {
          result.failures.push(failure(m, outcome.error));
          for (const e of evidence) result.failures.push(detail(e, `${outcome.error.code}: its message ${str(m, 'id')} was rejected`));
        } else {
          result.successes.push(detail(m), ...evidence.map((e) => detail(e)));
          result.receipts.push(outcome.receipt);
        }
      }
      for (const o of items) {
        if (o.type === MESSAGE_TYPE || attachedBy.has(str(o, 'id'))) continue;
        if (o.type === RECEIPT_TYPE) {
          const receiptDetail = { id: str(o, 'message_id'), version: str(o, 'message_modified') };
          await acceptReceipt(node, o, context.account, options.confirm).then(
            () => result.successes.push(receiptDetail),
            (error: unknown) => result.failures.push({ ...receiptDetail, message: failure(o, error).message! }));
          continue;
        }
        if (o.type !== AGREEMENT_TYPE) {
          result.failures.push(detail(o, 'BAD_REQUEST: the inbox takes hotline messages (with their attachments) and agreements only'));
          continue;
        }
        try {
          await receiveAgreement(node, o);
          result.successes.push(detail(o));
        } catch (error) {
          result.failures.push(failure(o, error));
        }
      }
      return result;
    },
  };
}
