import { ParleyError } from '../errors.ts';

const RFC3339 = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;

/** Parses an RFC 3339 UTC timestamp into integer microseconds since the epoch (digits past the sixth are dropped). */
export function parseMicros(text: string): number {
  const m = RFC3339.exec(text);
  const ms = m ? Date.parse(`${m[1]}T${m[2]}Z`) : NaN;
  if (!m || Number.isNaN(ms)) throw new ParleyError('INVALID_FILTER', `"${text}" is not an RFC 3339 UTC timestamp`);
  const fraction = (m[3] ?? '').padEnd(6, '0').slice(0, 6);
  return ms * 1000 + Number(fraction);
}

/** Renders integer microseconds as RFC 3339 with exactly six fractional digits (TAXII date_added). */
export function renderMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString();
  const rest = String(micros - ms * 1000).padStart(3, '0');
  return `${iso.slice(0, 23)}${rest}Z`;
}

/**
 * A sortable key for a STIX version timestamp: nine fractional digits, so that "…:00Z" and "…:00.000Z" (the same
 * instant, STIX 2.1 §3.2) compare equal and keys order as instants.
 */
export function versionKey(text: string): string {
  const m = RFC3339.exec(text);
  if (!m || Number.isNaN(Date.parse(`${m[1]}T${m[2]}Z`))) {
    throw new ParleyError('INVALID_FILTER', `"${text}" is not an RFC 3339 UTC timestamp`);
  }
  return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(9, '0').slice(0, 9)}Z`;
}
