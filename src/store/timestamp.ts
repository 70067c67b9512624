import { ParleyError } from '../errors.ts';

// The shape only: fields are read by position, which it fixes (seconds end at 19, a fraction runs from 20 to the Z).
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** Parses an RFC 3339 UTC timestamp into integer microseconds since the epoch (digits past the sixth are dropped). */
export function parseMicros(text: string): number {
  const ms = isCalendarTime(text) ? Date.parse(`${text.slice(0, 19)}Z`) : NaN;
  if (Number.isNaN(ms)) throw new ParleyError('INVALID_FILTER', `"${text}" is not an RFC 3339 UTC timestamp`);
  return ms * 1000 + Number(fraction(text).padEnd(6, '0').slice(0, 6));
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
  if (!isCalendarTime(text)) throw new ParleyError('INVALID_FILTER', `"${text}" is not an RFC 3339 UTC timestamp`);
  // Milliseconds, the form STIX producers write, need no padding arithmetic.
  if (text.length === 24) return `${text.slice(0, 23)}000000Z`;
  return `${text.slice(0, 19)}.${fraction(text).padEnd(9, '0').slice(0, 9)}Z`;
}

const fraction = (text: string) => (text.length > 20 ? text.slice(20, -1) : '');

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Two ASCII digits at `at` as a number (the shape is checked first).
const twoDigits = (text: string, at: number) => (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;

/** The RFC 3339 shape and field ranges (cheaper than Date.parse on the write path); leap seconds allowed as :60. */
function isCalendarTime(text: string): boolean {
  if (!RFC3339.test(text)) return false;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : DAYS[month - 1];
  return month >= 1 && month <= 12 && day >= 1 && day <= (maxDay ?? 0)
    && twoDigits(text, 11) < 24 && twoDigits(text, 14) < 60 && twoDigits(text, 17) <= 60;
}
