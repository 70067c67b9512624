/**
 * STIX 2.1 §2.9 identifiers: `type--UUID`, the UUID in RFC 4122 form (version 1–8, variant bits 10xx). RFC 4122
 * §3 makes the hex digits case-insensitive on input, and the OASIS examples include an uppercase one.
 */
export const IDENTIFIER =
  /^([a-z0-9][a-z0-9-]*[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

// Matched from a known offset, so the type prefix never makes the regex backtrack (the hot path of validation).
const UUID_AT = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}/y;

/** The type named by a well-formed STIX identifier (same rule as IDENTIFIER), or undefined when it is malformed. */
export function identifierType(value: string): string | undefined {
  const cut = value.indexOf('--');
  if (cut < 2 || value.length !== cut + 38) return undefined;
  for (let i = 0; i < cut; i++) {
    const c = value.charCodeAt(i);
    // a-z, 0-9, and '-' except at the ends
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c === 45 && i > 0 && i < cut - 1))) return undefined;
  }
  UUID_AT.lastIndex = cut + 2;
  return UUID_AT.test(value) ? value.slice(0, cut) : undefined;
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
