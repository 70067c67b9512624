/**
 * STIX 2.1 §2.9 identifiers: `type--UUID`, the UUID in RFC 4122 form (version 1–8, variant bits 10xx). RFC 4122
 * §3 makes the hex digits case-insensitive on input, and the OASIS examples include an uppercase one.
 */
export const IDENTIFIER =
  /^([a-z0-9][a-z0-9-]*[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/** The type named by a well-formed STIX identifier (same rule as IDENTIFIER), or undefined when it is malformed. */
export function identifierType(value: string): string | undefined {
  // Checked char by char: this runs for every reference of every object, and a regex over the whole id backtracks.
  const cut = value.indexOf('--');
  if (cut < 2 || value.length !== cut + 38) return undefined;
  for (let i = 0; i < cut; i++) {
    const c = value.charCodeAt(i);
    // a-z, 0-9, and '-' except at the ends
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c === 45 && i > 0 && i < cut - 1))) return undefined;
  }
  return uuidAt(value, cut + 2) ? value.slice(0, cut) : undefined;
}

// RFC 4122 layout 8-4-4-4-12: version digit 1–8 at offset 14, variant 8/9/a/b at offset 19.
function uuidAt(value: string, start: number): boolean {
  for (let i = 0; i < 36; i++) {
    const c = value.charCodeAt(start + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (i === 14) {
      if (c < 49 || c > 56) return false;
    } else if (i === 19) {
      if (!(c === 56 || c === 57 || c === 97 || c === 98 || c === 65 || c === 66)) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

/** True when the value is a well-formed STIX identifier. */
export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && identifierType(value) !== undefined;
}

/** The object type named by an identifier's prefix (the text before `--`). */
export function typeOfIdentifier(id: string): string {
  const cut = id.indexOf('--');
  return cut < 0 ? id : id.slice(0, cut);
}

/** STIX 2.1 §3.1 / §11.2: a type name is 3–250 characters of `a-z`, `0-9` and `-`, without `--`. */
export function isValidTypeName(type: string): boolean {
  return type.length >= 3 && type.length <= 250 && /^[a-z0-9-]+$/.test(type) && !type.includes('--');
}
