import type { OutboxEnvelope } from '../store/outbox-store.ts';
import type { DeliveryResult, DeliveryTarget, DeliveryTransport } from './delivery-transport.ts';

/** The message of an error value, for the `last_error` column. */
export const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const failure = (reason: string): DeliveryResult => ({ outcome: 'failed', reason, retryable: true });

// The attempt, or the failure its signal gives as soon as it fires (a transport may ignore the signal); a throwing
// transport is a retryable failure too.
function untilAborted<T>(attempt: Promise<T>, signal: AbortSignal, failed: (reason: string) => T): Promise<T> {
  const aborted = new Promise<T>((resolve) => {
    const onAbort = () => resolve(failed(reasonOf(signal.reason)));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([attempt.catch((error: unknown) => failed(reasonOf(error))), aborted]);
}

/**
 * One attempt through the transport that ends when the signal fires even if the transport ignores it; a throwing
 * transport is a retryable failure.
 */
export function deliverWithin(transport: DeliveryTransport, target: DeliveryTarget, envelope: OutboxEnvelope, signal: AbortSignal): Promise<DeliveryResult> {
  return untilAborted(transport.deliver(target, envelope, signal), signal, failure);
}

/**
 * One attempt for several envelopes to one recipient: one request when the transport can carry several
 * (`deliverAll`), else one per envelope side by side; one result per envelope, in order. Ends when the signal fires
 * (every envelope then failed, retryable); a throwing transport, or an answer with the wrong number of results, is a
 * retryable failure for the envelopes it leaves without a result.
 */
export async function deliverAllWithin(
  transport: DeliveryTransport, target: DeliveryTarget, envelopes: readonly OutboxEnvelope[], signal: AbortSignal,
): Promise<DeliveryResult[]> {
  if (envelopes.length === 1) return [await deliverWithin(transport, target, envelopes[0]!, signal)];
  const attempt = (transport.deliverAll
    ? transport.deliverAll(target, envelopes, signal)
    : Promise.all(envelopes.map((e) => transport.deliver(target, e, signal))))
    .then((results) => envelopes.map((_, i) => results[i] ?? failure('the transport gave no result for the message')));
  return untilAborted(attempt, signal, (reason) => envelopes.map(() => failure(reason)));
}
