// RFC 3339 timestamps as STIX uses them: UTC with a trailing Z, optional fraction of a second.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:\d{2})$/;

/** A parsed instant: whole milliseconds since the epoch plus a key that sorts exactly (down to nanoseconds). */
export interface Instant {
  millis: number;
  key: string;
}

/** Parses an RFC 3339 timestamp (any offset is normalised to UTC); undefined when it is not one. */
export function parseInstant(text: string, requireZulu = false): Instant | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  if (requireZulu && zone !== 'Z') return undefined;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(Number(y), month)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  let millis = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Math.min(Number(s), 59));
  if (zone.length === 6) {
    const sign = zone[0] === '+' ? 1 : -1;
    millis -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  const nanos = (frac + '000000000').slice(0, 9);
  millis += Number(nanos.slice(0, 3));
  const key = String(Math.floor(millis / 1000) + 1e13).padStart(14, '0') + nanos;
  return { millis, key };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
