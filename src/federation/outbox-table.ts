import { ParleyError } from '../errors.ts';
import { DELIVERY_STATES, type Delivery, type DeliveryState } from '../store/outbox-store.ts';

/** The header line of `parley outbox`. */
export const OUTBOX_HEADER = ['STATE', 'MESSAGE', 'RECIPIENT', 'ATTEMPTS', 'LAST ERROR', 'NEXT ATTEMPT'].join('\t');

// One field per column: no tab or line break may leak from an error text into the table.
const field = (value: string | number | undefined) => (value === undefined || value === '' ? '-' : String(value).replace(/[\t\r\n]+/g, ' '));

/** One tab-separated line per delivery: state, message id, recipient, attempts, last error (or reject code: reason), next attempt. */
export function outboxLine(d: Delivery): string {
  const lastError = d.state === 'rejected' ? `${d.rejectCode}: ${d.rejectReason}` : d.lastError;
  return [d.state, d.messageId, d.recipient, d.attempts, lastError, d.nextAttemptAt].map(field).join('\t');
}

/** The `--state` value checked against the delivery states; throws BAD_REQUEST naming the valid ones. */
export function parseDeliveryState(text: string): DeliveryState {
  if ((DELIVERY_STATES as readonly string[]).includes(text)) return text as DeliveryState;
  throw new ParleyError('BAD_REQUEST', `unknown delivery state "${text}" (expected one of ${DELIVERY_STATES.join(', ')})`);
}
