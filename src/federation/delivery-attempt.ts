import type { OutboxEnvelope } from '../store/outbox-store.ts';
import type { DeliveryResult, DeliveryTarget, DeliveryTransport } from './delivery-transport.ts';

/** The message of an error value, for the `last_error` column. */
export const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * One attempt through the transport that ends when the signal fires even if the transport ignores it; a throwing
 * transport is a retryable failure.
 */
export function deliverWithin(transport: DeliveryTransport, target: DeliveryTarget, envelope: OutboxEnvelope, signal: AbortSignal): Promise<DeliveryResult> {
  const aborted = new Promise<DeliveryResult>((resolve) => {
    const onAbort = () => resolve({ outcome: 'failed', reason: reasonOf(signal.reason), retryable: true });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const attempt = transport.deliver(target, envelope, signal)
    .catch((error: unknown): DeliveryResult => ({ outcome: 'failed', reason: reasonOf(error), retryable: true }));
  return Promise.race([attempt, aborted]);
}
