const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Appends a member to a JSON path: dot notation for plain names, bracket notation otherwise. */
export function member(path: string, key: string): string {
  return PLAIN.test(key) ? `${path}.${key}` : `${path}['${key.replace(/'/g, "\\'")}']`;
}
