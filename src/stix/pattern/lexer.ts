// Splits pattern text into tokens following the lexer rules of STIXPattern.g4.
import { PatternSyntaxError } from './pattern-syntax-error.ts';

/** Words the grammar reserves; they are case-sensitive, like the ANTLR grammar. */
export const KEYWORDS = new Set([
  'AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUPERSET', 'ISSUBSET', 'EXISTS', 'IN',
  'START', 'STOP', 'SECONDS', 'WITHIN', 'REPEATS', 'TIMES', 'true', 'false',
]);

/** The kinds of token the parser sees. */
export type TokenKind =
  | 'keyword' | 'identifier' | 'string' | 'int' | 'float' | 'hex' | 'binary' | 'timestamp'
  | 'punct' | 'operator' | 'eof';

/** One token: its kind, its text (string contents unescaped for quoted forms) and its 0-based offset. */
export interface Token {
  kind: TokenKind;
  text: string;
  position: number;
}

const OPERATORS = ['<=', '>=', '!=', '<>', '==', '=', '<', '>'];
const PUNCT = '[]():,.*';
const NUMBER = /[+-]?(?:\d*\.\d+(?:[eE][+-]?\d+)?|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;

/** Tokenises a whole pattern; throws PatternSyntaxError at the first character no token can start with. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if ((c === 't' || c === 'h' || c === 'b') && text[i + 1] === "'") {
      const end = text.indexOf("'", i + 2);
      if (end < 0) throw new PatternSyntaxError(start, `unterminated ${c}'..' constant`, text);
      const kind = c === 't' ? 'timestamp' : c === 'h' ? 'hex' : 'binary';
      tokens.push({ kind, text: text.slice(i + 2, end), position: start });
      i = end + 1;
      continue;
    }
    if (c === "'") {
      const [value, end] = readString(text, i);
      tokens.push({ kind: 'string', text: value, position: start });
      i = end;
      continue;
    }
    const prev = tokens[tokens.length - 1];
    const numberAllowed = c !== '.' || !prev || prev.kind === 'operator' || prev.kind === 'keyword' || prev.text === '(' || prev.text === ',';
    if (numberAllowed && /[0-9+\-.]/.test(c)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (m) {
        const isFloat = /[.eE]/.test(m[0]);
        tokens.push({ kind: isFloat ? 'float' : 'int', text: m[0], position: start });
        i += m[0].length;
        continue;
      }
    }
    IDENT.lastIndex = i;
    const ident = IDENT.exec(text);
    if (ident) {
      tokens.push({ kind: KEYWORDS.has(ident[0]) ? 'keyword' : 'identifier', text: ident[0], position: start });
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'operator', text: op === '==' ? '=' : op === '<>' ? '!=' : op, position: start });
      i += op.length;
      continue;
    }
    if (PUNCT.includes(c)) {
      tokens.push({ kind: 'punct', text: c, position: start });
      i++;
      continue;
    }
    throw new PatternSyntaxError(start, `unexpected character '${c}'`, text);
  }
  tokens.push({ kind: 'eof', text: '', position: text.length });
  return tokens;
}

/** Reads a quoted string from its opening quote; only \' and \\ are escapes (§9.3). */
function readString(text: string, open: number): [string, number] {
  let value = '';
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") return [value, i + 1];
    if (c === '\\') {
      const next = text[i + 1];
      if (next !== "'" && next !== '\\') {
        throw new PatternSyntaxError(i, "invalid escape in string: only \\' and \\\\ are allowed", text);
      }
      value += next;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  throw new PatternSyntaxError(open, 'unterminated string constant', text);
}
