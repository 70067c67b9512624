// Type-aware comparison of one property value with one pattern constant (§9.5).
import type { Literal } from './ast.ts';
import { compareBytes, decodeBase64, decodeHex } from './bytes.ts';
import { parseInstant } from './timestamp.ts';

/** How a property is stored, from its name: `_bin` is base64, `_hex` is hex, anything else is plain. */
export type Encoding = 'bin' | 'hex' | 'plain';

/** The encoding a property name implies. */
export function encodingOf(key: string): Encoding {
  return key.endsWith('_bin') ? 'bin' : key.endsWith('_hex') ? 'hex' : 'plain';
}

/**
 * Orders a value against a constant: negative, zero or positive, or undefined when the two cannot be compared
 * (a number against a string, a malformed timestamp …); an incomparable pair satisfies no operator.
 */
export function compareValue(value: unknown, literal: Literal, encoding: Encoding): number | undefined {
  switch (literal.kind) {
    case 'int':
    case 'float':
      return typeof value === 'number' ? Math.sign(value - literal.value) : undefined;
    case 'bool':
      return typeof value === 'boolean' ? (value === literal.value ? 0 : value ? 1 : -1) : undefined;
    case 'string':
      if (typeof value !== 'string') return undefined;
      return value < literal.value ? -1 : value > literal.value ? 1 : 0;
    case 'timestamp': {
      const instant = typeof value === 'string' ? parseInstant(value) : undefined;
      const constant = parseInstant(literal.value);
      if (!instant || !constant) return undefined;
      return instant.key < constant.key ? -1 : instant.key > constant.key ? 1 : 0;
    }
    case 'hex':
    case 'binary': {
      const bytes = toBytes(value, encoding, literal.kind);
      return bytes ? Math.sign(compareBytes(bytes, literal.value)) : undefined;
    }
  }
}

/** The bytes a property holds: base64 for `_bin`, hex for `_hex`; plain strings read as the constant's form. */
export function toBytes(value: unknown, encoding: Encoding, constantForm: 'hex' | 'binary'): Uint8Array | undefined {
  if (typeof value !== 'string') return undefined;
  if (encoding === 'bin') return decodeBase64(value);
  if (encoding === 'hex') return decodeHex(value);
  return constantForm === 'hex' ? decodeHex(value) : decodeBase64(value);
}
