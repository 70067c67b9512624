// SQL LIKE as a linear-time regular expression: % is any run of characters, _ exactly one; nothing else is special.
import { compileRegex, type CompiledRegex } from './regex.ts';

/** Translates a LIKE pattern into an anchored RE2 expression source. */
export function likeToRegex(like: string): string {
  let source = '(?s)^';
  for (const c of like) {
    if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += /[\\^$.|?*+()[\]{}]/.test(c) ? `\\${c}` : c;
  }
  return source + '$';
}

/** Compiles a LIKE pattern (always valid, since every character is escaped or translated). */
export function compileLike(like: string): CompiledRegex {
  const compiled = compileRegex(likeToRegex(like));
  if (typeof compiled === 'string') throw new Error(`internal: LIKE translation rejected: ${compiled}`);
  return compiled;
}
