// Turns constant tokens into typed literals, checking each form against §9.3.
import type { Literal } from './ast.ts';
import { decodeBase64, decodeHex } from './bytes.ts';
import type { Token } from './lexer.ts';
import type { TokenStream } from './token-stream.ts';
import { parseInstant } from './timestamp.ts';

/** Reads one constant at the cursor, or fails naming `what` was expected. */
export function parseLiteral(stream: TokenStream, what: string): Literal {
  const token = stream.peek();
  const literal = toLiteral(token, stream);
  if (!literal) stream.fail(token, `expected ${what}`);
  stream.next();
  return literal;
}

function toLiteral(token: Token, stream: TokenStream): Literal | undefined {
  const position = token.position;
  switch (token.kind) {
    case 'string':
      return { kind: 'string', value: token.text, position };
    case 'int': {
      const value = Number(token.text);
      if (!Number.isSafeInteger(value)) stream.reject(token, 'integer constant out of range');
      return { kind: 'int', value, position };
    }
    case 'float':
      return { kind: 'float', value: Number(token.text), position };
    case 'keyword':
      return token.text === 'true' || token.text === 'false'
        ? { kind: 'bool', value: token.text === 'true', position }
        : undefined;
    case 'hex': {
      const value = decodeHex(token.text);
      if (!value) stream.reject(token, "malformed hex constant: h'..' takes pairs of hex digits");
      return { kind: 'hex', value, position };
    }
    case 'binary': {
      const value = decodeBase64(token.text);
      if (!value) stream.reject(token, "malformed binary constant: b'..' takes padded base64");
      return { kind: 'binary', value, position };
    }
    case 'timestamp': {
      const instant = parseInstant(token.text, true);
      if (!instant) stream.reject(token, "malformed timestamp: t'..' takes RFC 3339 in UTC, e.g. t'2026-01-01T00:00:00Z'");
      return { kind: 'timestamp', value: token.text, millis: instant.millis, position };
    }
    default:
      return undefined;
  }
}
