// A cursor over the tokens with the expectation helpers the parser reports errors through.
import type { Token } from './lexer.ts';
import { PatternSyntaxError } from './pattern-syntax-error.ts';

/** How deeply parentheses may nest in one pattern. */
export const MAX_NESTING = 200;

/** Walks the token list; every failure names the offset and what was expected there. */
export class TokenStream {
  #index = 0;

  constructor(
    readonly tokens: readonly Token[],
    readonly text: string,
  ) {}

  #depth = 0;

  /** Enters a parenthesised group; past MAX_NESTING the pattern is refused rather than overflowing the stack. */
  nest(open: Token): void {
    if (++this.#depth > MAX_NESTING) {
      throw new PatternSyntaxError(open.position, `parentheses nested deeper than ${MAX_NESTING}`, this.text);
    }
  }

  /** Leaves a parenthesised group. */
  unnest(): void {
    this.#depth--;
  }

  /** The current token, not consumed. */
  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.#index + ahead, this.tokens.length - 1)];
  }

  /** Consumes and returns the current token. */
  next(): Token {
    const token = this.peek();
    if (this.#index < this.tokens.length - 1) this.#index++;
    return token;
  }

  /** True (and consumed) when the current token has this text and is not a quoted constant. */
  accept(text: string): boolean {
    const token = this.peek();
    if (token.text !== text || !isBare(token)) return false;
    this.next();
    return true;
  }

  /** Consumes a token with this text or fails with `expected <what>`. */
  expect(text: string, what: string): Token {
    const token = this.peek();
    if (token.text !== text || !isBare(token)) this.fail(token, `expected ${what}`);
    return this.next();
  }

  /** Throws a syntax error at a token with just the message (for a token of the right kind but bad content). */
  reject(token: Token, message: string): never {
    throw new PatternSyntaxError(token.position, message, this.text);
  }

  /** Throws a syntax error at a token, naming what was found there. */
  fail(token: Token, message: string): never {
    throw new PatternSyntaxError(token.position, `${message}, found ${describe(token)}`, this.text);
  }
}

function isBare(token: Token): boolean {
  return token.kind === 'keyword' || token.kind === 'punct' || token.kind === 'operator' || token.kind === 'identifier';
}

/** How a token is named in error messages. */
export function describe(token: Token): string {
  if (token.kind === 'eof') return 'end of pattern';
  if (token.kind === 'string') return `string '${token.text}'`;
  if (token.kind === 'timestamp' || token.kind === 'hex' || token.kind === 'binary') {
    return `${token.kind} constant`;
  }
  return `'${token.text}'`;
}
