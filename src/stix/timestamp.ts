/** STIX 2.1 §2.13 timestamps: RFC 3339 in UTC with a literal `Z`; the fraction is optional unless millis are required. */
export const TIMESTAMP =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?Z$/;

/** `created` and `modified` (§3.2) must be precise to the millisecond: exactly three fraction digits. */
export const TIMESTAMP_MILLIS =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)\.\d{3}Z$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a STIX timestamp (`millis`: exactly three fraction digits) naming a real calendar day. */
export function isTimestamp(value: unknown, millis = false): value is string {
  if (typeof value !== 'string' || !(millis ? TIMESTAMP_MILLIS : TIMESTAMP).test(value)) return false;
  const day = (value.charCodeAt(8) - 48) * 10 + value.charCodeAt(9) - 48;
  if (day <= 28) return true;
  const month = (value.charCodeAt(5) - 48) * 10 + value.charCodeAt(6) - 48;
  if (day > DAYS_IN_MONTH[month - 1]) return false;
  if (month !== 2 || day !== 29) return true;
  const year = Number(value.slice(0, 4));
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Orders two valid STIX timestamps without Date parsing (the fixed-width prefix sorts as text). */
export function compareTimestamps(a: string, b: string): number {
  const ha = a.slice(0, 19);
  const hb = b.slice(0, 19);
  if (ha !== hb) return ha < hb ? -1 : 1;
  const fa = fraction(a);
  const fb = fraction(b);
  const width = Math.max(fa.length, fb.length);
  const pa = fa.padEnd(width, '0');
  const pb = fb.padEnd(width, '0');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

function fraction(timestamp: string): string {
  return timestamp.length > 20 ? timestamp.slice(20, -1) : '';
}
