// Literal text every match of a LIKE or MATCHES expression must start (or end) with, for the index.

/** The literal prefix of a LIKE pattern (up to the first % or _). */
export function likePrefix(like: string): string {
  const stop = like.search(/[%_]/);
  return stop < 0 ? like : like.slice(0, stop);
}

/** The literal suffix of a LIKE pattern (after the last % or _). */
export function likeSuffix(like: string): string {
  const m = /[%_]([^%_]*)$/.exec(like);
  return m ? m[1] : like;
}

/**
 * The literal text any match of an RE2 expression anchored with `^` must start with; '' when unsure.
 * Conservative: no alternation anywhere, only plain characters and escaped punctuation are taken, and a character
 * followed by a quantifier that allows zero repetitions is dropped.
 */
export function regexPrefix(source: string): string {
  if (!source.startsWith('^') || source.includes('|')) return '';
  let prefix = '';
  let i = 1;
  while (i < source.length) {
    let char: string;
    let width: number;
    if (source[i] === '\\' && /[^A-Za-z0-9]/.test(source[i + 1] ?? 'a')) {
      char = source[i + 1];
      width = 2;
    } else if (/[A-Za-z0-9_/:=@,'"<>%&;~!#-]/.test(source[i])) {
      char = source[i];
      width = 1;
    } else break;
    const after = source[i + width];
    if (after === '?' || after === '*' || after === '{') break;
    prefix += char;
    if (after === '+') break;
    i += width;
  }
  return prefix;
}

/** The longest literal run between LIKE wildcards (every match contains it). */
export function likeLongestLiteral(like: string): string {
  return like.split(/[%_]/).reduce((a, b) => (b.length > a.length ? b : a), '');
}

/**
 * The longest literal run any match of an RE2 expression must contain; '' when unsure. Scans the top-level
 * concatenation only: it stops at the first group or class, gives up on any alternation, and ends a run at
 * anything that is not a certain literal character.
 */
export function regexLongestLiteral(source: string): string {
  if (source.includes('|')) return '';
  let best = '';
  let run = '';
  let i = 0;
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '(' || c === '[') break;
    let char: string | undefined;
    let width = 1;
    if (c === '\\') {
      width = 2;
      const next = source[i + 1] ?? '';
      // Escapes with arguments (\x41, \p{Greek}, \Q..\E, octal) would be misread as literals: stop there.
      if (!/[^A-Za-z0-9]|[dDwWsSbBAz]/.test(next)) break;
      if (/[^A-Za-z0-9]/.test(next)) char = next;
    } else if (/[A-Za-z0-9_/:=@,'"<>%&;~!#\- ]/.test(c)) char = c;
    const after = source[i + width];
    if (char === undefined || after === '?' || after === '*' || after === '{') {
      end();
      i += width;
      continue;
    }
    run += char;
    if (after === '+') end();
    i += width;
  }
  end();
  return best;
}
