// SQL LIKE (§9.5): % is any run of characters, _ exactly one; nothing else is special and there is no escape
// character. Matched directly, without a regular expression: segments between % are found leftmost in order,
// which is exact for this wildcard language and costs at most (value length × pattern length).

/** A compiled LIKE pattern. */
export interface LikeMatcher {
  test(value: string): boolean;
}

/** Compiles a LIKE pattern into a matcher. */
export function compileLike(like: string): LikeMatcher {
  const segments = like.split('%');
  // Without '_' code units and code points give the same answer, so native string search does.
  if (!like.includes('_')) return { test: (value) => matchesPlain(value, segments) };
  return {
    test(value: string): boolean {
      const chars = Array.from(value);
      const first = Array.from(segments[0]);
      if (segments.length === 1) return chars.length === first.length && matchesAt(chars, 0, first);
      if (!matchesAt(chars, 0, first)) return false;
      let from = first.length;
      const last = Array.from(segments[segments.length - 1]);
      const lastStart = chars.length - last.length;
      if (lastStart < from || !matchesAt(chars, lastStart, last)) return false;
      for (const segment of segments.slice(1, -1)) {
        const seg = Array.from(segment);
        const at = find(chars, seg, from, lastStart - seg.length);
        if (at < 0) return false;
        from = at + seg.length;
      }
      return true;
    },
  };
}

function matchesAt(chars: string[], at: number, segment: string[]): boolean {
  if (at + segment.length > chars.length) return false;
  for (let i = 0; i < segment.length; i++) if (segment[i] !== '_' && segment[i] !== chars[at + i]) return false;
  return true;
}

function find(chars: string[], segment: string[], from: number, lastAt: number): number {
  for (let at = from; at <= lastAt; at++) if (matchesAt(chars, at, segment)) return at;
  return -1;
}

function matchesPlain(value: string, segments: string[]): boolean {
  const first = segments[0];
  if (segments.length === 1) return value === first;
  const last = segments[segments.length - 1];
  if (!value.startsWith(first) || value.length < first.length + last.length || !value.endsWith(last)) return false;
  let from = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const at = value.indexOf(segments[i], from);
    if (at < 0 || at + segments[i].length > end) return false;
    from = at + segments[i].length;
  }
  return true;
}
