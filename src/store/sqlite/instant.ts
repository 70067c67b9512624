import { ParleyError } from '../../errors.ts';

/** Millisecond ISO form, so that equal instants compare equal and text order is time order. */
export function instant(timestamp: string): string {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new ParleyError('BAD_REQUEST', `"${timestamp}" is not a timestamp`);
  return new Date(ms).toISOString();
}

