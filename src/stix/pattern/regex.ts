// MATCHES runs on re2js, whose automaton is linear in the input: a hostile pattern cannot stall the process.
import { RE2JS } from 're2js';

/** A compiled MATCHES expression. */
export interface CompiledRegex {
  test(input: string): boolean;
}

/** Compiles a MATCHES expression; returns an error message when RE2 rejects it (backreferences, lookaround …). */
export function compileRegex(source: string): CompiledRegex | string {
  try {
    const re = RE2JS.compile(source);
    return { test: (input: string) => re.matcher(input).find() };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `regular expression not supported (RE2 syntax, no backreferences or lookaround): ${detail}`;
  }
}

/** Caches compiled expressions per source; owned by a pattern or an index, never global. */
export class RegexCache {
  readonly #compiled = new Map<string, CompiledRegex>();

  /** The compiled form of a source already validated by the parser. */
  get(source: string): CompiledRegex {
    let re = this.#compiled.get(source);
    if (!re) {
      const compiled = compileRegex(source);
      re = typeof compiled === 'string' ? { test: () => false } : compiled;
      this.#compiled.set(source, re);
    }
    return re;
  }
}
