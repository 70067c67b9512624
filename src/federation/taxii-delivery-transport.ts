import type { DeliveryResult, DeliveryTarget, DeliveryTransport } from './delivery-transport.ts';
import type { Message } from '../hotline/message.ts';
import type { StixObject } from '../hotline/evidence.ts';
import { postEnvelope } from './taxii-envelope-post.ts';
import type { TransportReceipt } from './transport-receipt.ts';

interface StatusBody {
  failures?: { id?: string; message?: string }[];
  x_parley_receipts?: TransportReceipt[];
  title?: string;
  description?: string;
}

/** Delivers a message to a party's inbox over TAXII 2.1 (federation-contract.md) and reads its receipt. */
export class TaxiiDeliveryTransport implements DeliveryTransport {
  readonly #timeoutMs: number;

  constructor(options: { timeoutMs?: number } = {}) {
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  async deliver(target: DeliveryTarget, envelope: { message: Message; evidence: StixObject[] }, signal?: AbortSignal): Promise<DeliveryResult> {
    let answer;
    try {
      answer = await postEnvelope(target, [envelope.message, ...envelope.evidence], signal, this.#timeoutMs);
    } catch (error) {
      return { outcome: 'failed', reason: error instanceof Error ? error.message : String(error), retryable: true };
    }
    const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as StatusBody;
    if (answer.status >= 400 && answer.status < 500) {
      return { outcome: 'rejected', code: `HTTP_${answer.status}`, reason: body.description ?? body.title ?? `HTTP ${answer.status}` };
    }
    if (answer.status !== 202 && answer.status !== 200) return { outcome: 'failed', reason: `HTTP ${answer.status}`, retryable: true };
    const receipt = (body.x_parley_receipts ?? []).find((r) => r?.message_id === envelope.message.id);
    if (receipt) return { outcome: 'delivered', receipt };
    const failure = (body.failures ?? []).find((f) => f.id === envelope.message.id);
    if (failure) {
      const m = /^([A-Z_]+): (.*)$/s.exec(failure.message ?? '');
      return { outcome: 'rejected', code: m?.[1] ?? 'REJECTED', reason: m?.[2] ?? failure.message ?? 'rejected' };
    }
    return { outcome: 'failed', reason: 'the answer carries neither a receipt nor a failure for the message', retryable: true };
  }
}
