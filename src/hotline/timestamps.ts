import { ParleyError } from '../errors.ts';

// STIX 2.1 §3.2: created/modified are UTC with millisecond precision for new objects.
const STIX_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A STIX timestamp with millisecond precision for a moment. */
export function stixTimestamp(at: Date | number = Date.now()): string {
  return new Date(at).toISOString();
}

/** Parses a STIX timestamp to epoch milliseconds; throws INVALID_STIX when it is not one. */
export function parseTimestamp(value: unknown, what: string): number {
  const ms = typeof value === 'string' && STIX_TIMESTAMP.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new ParleyError('INVALID_STIX', `${what} must be a UTC timestamp like 2026-01-31T12:00:00.000Z`);
  return ms;
}
