import type { DeliveryEnvelope, DeliveryResult, DeliveryTarget, DeliveryTransport } from './delivery-transport.ts';
import { postEnvelope, type EnvelopeAnswer } from './taxii-envelope-post.ts';
import type { TransportReceipt } from './transport-receipt.ts';

interface StatusBody {
  failures?: { id?: string; message?: string }[];
  x_parley_receipts?: TransportReceipt[];
  title?: string;
  description?: string;
}

/** Delivers messages to a party's inbox over TAXII 2.1 (federation-contract.md) and reads their receipts. */
export class TaxiiDeliveryTransport implements DeliveryTransport {
  readonly #timeoutMs: number;

  constructor(options: { timeoutMs?: number } = {}) {
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  async deliver(target: DeliveryTarget, envelope: DeliveryEnvelope, signal?: AbortSignal): Promise<DeliveryResult> {
    return (await this.deliverAll(target, [envelope], signal))[0]!;
  }

  /**
   * Delivers several messages in one TAXII envelope (each message followed by its evidence) and returns one result
   * per message, in order. An envelope the recipient refuses as too large (413) is sent again one message at a time.
   */
  async deliverAll(target: DeliveryTarget, envelopes: readonly DeliveryEnvelope[], signal?: AbortSignal): Promise<DeliveryResult[]> {
    let answer: EnvelopeAnswer;
    try {
      answer = await postEnvelope(target, envelopes.flatMap((e) => [e.message, ...e.evidence]), signal, this.#timeoutMs);
    } catch (error) {
      const failed: DeliveryResult = { outcome: 'failed', reason: error instanceof Error ? error.message : String(error), retryable: true };
      return envelopes.map(() => failed);
    }
    if (answer.status === 413 && envelopes.length > 1) {
      const results: DeliveryResult[] = [];
      for (const envelope of envelopes) results.push(await this.deliver(target, envelope, signal));
      return results;
    }
    return resultsOf(answer, envelopes);
  }
}

/** Reads one result per message from the recipient's answer (its status resource with receipts and failures). */
function resultsOf(answer: EnvelopeAnswer, envelopes: readonly DeliveryEnvelope[]): DeliveryResult[] {
  const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as StatusBody;
  if (answer.status >= 400 && answer.status < 500) {
    const rejected: DeliveryResult = { outcome: 'rejected', code: `HTTP_${answer.status}`, reason: body.description ?? body.title ?? `HTTP ${answer.status}` };
    return envelopes.map(() => rejected);
  }
  if (answer.status !== 202 && answer.status !== 200) return envelopes.map(() => ({ outcome: 'failed', reason: `HTTP ${answer.status}`, retryable: true }));
  const receipts = new Map<string, TransportReceipt>();
  for (const r of Array.isArray(body.x_parley_receipts) ? body.x_parley_receipts : []) {
    if (typeof r === 'object' && r !== null && typeof r.message_id === 'string') receipts.set(`${r.message_id}|${r.message_modified}`, r);
  }
  const failures = Array.isArray(body.failures) ? body.failures : [];
  return envelopes.map(({ message }): DeliveryResult => {
    const receipt = receipts.get(`${message.id}|${message.modified}`) ?? (envelopes.length === 1
      ? (body.x_parley_receipts ?? []).find((r) => r?.message_id === message.id) : undefined);
    if (receipt) return { outcome: 'delivered', receipt };
    const failure = failures.find((f) => f?.id === message.id);
    if (failure) {
      const m = /^([A-Z_]+): (.*)$/s.exec(failure.message ?? '');
      return { outcome: 'rejected', code: m?.[1] ?? 'REJECTED', reason: m?.[2] ?? failure.message ?? 'rejected' };
    }
    return { outcome: 'failed', reason: 'the answer carries neither a receipt nor a failure for the message', retryable: true };
  });
}
