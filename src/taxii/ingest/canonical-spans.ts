/**
 * Where each element of a TAXII envelope's `objects` list lies in the body's UTF-8 bytes, and whether those bytes are
 * already exactly `JSON.stringify` of the parsed element (the form the store keeps), so that no string has to be
 * made: compact (no whitespace), the escapes JSON.stringify writes and no others, numbers as JSON.stringify writes
 * them, no key that V8 would reorder (array indexes), and — checked by the caller with `keys` — no duplicate key.
 */
export interface CanonicalSpans {
  /** How many elements the list holds. */
  count: number;
  /** Byte offsets of the list's `[` and just after the `]` that closes it (a list closed by `}` is not found). */
  listStart: number;
  listEnd: number;
  /** Byte offset where element i starts (`start[i]`) and ends (`end[i]`, exclusive). */
  start: Int32Array;
  end: Int32Array;
  /** 1 when element i's bytes are exactly JSON.stringify's text of it, given as many keys as `keys[i]`. */
  canonical: Uint8Array;
  /** How many object keys element i's text holds, at any depth: more than the parsed element has means duplicates. */
  keys: Int32Array;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OBJECTS = Buffer.from('objects');
// Escapes JSON.stringify writes in their short form: \" \\ \b \f \n \r \t.
const SHORT_ESCAPES = new Set([0x22, 0x5c, 0x62, 0x66, 0x6e, 0x72, 0x74]);
// Control characters JSON.stringify writes as \u00xx (lowercase hex): all below 0x20 without a short form.
const SHORT_CONTROLS = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);

/** JSON's whitespace: space, line feed, carriage return, tab. */
export const isWhitespace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isLowerHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);

/**
 * Scans `bytes` (valid UTF-8; a Buffer, whose indexOf is about twice as fast here as a plain Uint8Array's) for the
 * single top-level `objects` list of a TAXII envelope. The scan follows JSON's lexical structure but does not check its
 * grammar: callers parse what it finds (see parseInParts). Undefined when it cannot tell the list for sure: no list,
 * more than one `objects` key, a top-level key written with an escape (which could be another `objects` to
 * JSON.parse), or text that ends inside a string.
 */
export function canonicalSpans(bytes: Buffer): CanonicalSpans | undefined {
  let spans: CanonicalSpans = { count: 0, listStart: -1, listEnd: -1, start: new Int32Array(1024), end: new Int32Array(1024), canonical: new Uint8Array(1024), keys: new Int32Array(1024) };
  // Containers from the envelope (depth 1) down: true for objects. Elements of `objects` are at depth 2.
  const objectAt: boolean[] = [];
  let expectKey = false;
  let objectsKey = false; // the last top-level key was `objects`: its value comes next
  let inObjects = false; // inside the `objects` array (depth 2 is its elements)
  let objectsLists = 0;
  let element = -1;
  let canonical = true;
  let keys = 0;
  let nextBackslash = -2;
  const n = bytes.length;
  let i = 0;
  const startValue = () => {
    // A value starting directly in the `objects` list is the next element.
    if (inObjects && objectAt.length === 2) {
      element++;
      if (element === spans.start.length) spans = grown(spans);
      spans.start[element] = i;
      canonical = true;
      keys = 0;
    }
  };
  const endValue = (end: number) => {
    if (inObjects && objectAt.length === 2 && element >= 0) {
      spans.end[element] = end;
      spans.canonical[element] = canonical ? 1 : 0;
      spans.keys[element] = keys;
    }
  };
  while (i < n) {
    const c = bytes[i]!;
    // The value of a top-level `objects` key must be a list, else there is nothing to find.
    if (objectsKey && !isWhitespace(c) && c !== 0x3a) {
      if (c !== 0x5b) return undefined;
      objectsKey = false;
      inObjects = true;
      spans.listStart = i;
    }
    if (isWhitespace(c)) {
      if (objectAt.length > 2) canonical = false;
      i++;
    } else if (c === QUOTE) {
      const isKey = expectKey;
      if (!isKey) startValue();
      const from = i + 1;
      let escapes = false;
      // The closing quote: the next one not escaped. Backslashes are found with indexOf, as quotes are.
      let j = from;
      for (;;) {
        const quote = bytes.indexOf(QUOTE, j);
        if (quote === -1) return undefined;
        if (nextBackslash < j && nextBackslash !== -1) nextBackslash = bytes.indexOf(BACKSLASH, j);
        if (nextBackslash === -1 || nextBackslash > quote) {
          j = quote;
          break;
        }
        escapes = true;
        const escaped = bytes[nextBackslash + 1];
        if (escaped === 0x75) {
          const hex = bytes.subarray(nextBackslash + 2, nextBackslash + 6);
          const code = Number.parseInt(hex.toString('latin1'), 16);
          if (code >= 0x20 || SHORT_CONTROLS.has(code) || !hex.every(isLowerHex)) canonical = false;
          j = nextBackslash + 6;
        } else {
          if (escaped === undefined || !SHORT_ESCAPES.has(escaped)) canonical = false;
          j = nextBackslash + 2;
        }
      }
      if (isKey) {
        keys++;
        const first = bytes[from]!;
        // V8 puts array-index keys ("0", "17") first, whatever their place in the text.
        if (first >= 0x30 && first <= 0x39) canonical = false;
        if (objectAt.length === 1) {
          if (escapes) return undefined;
          if (j - from === OBJECTS.length && OBJECTS.equals(bytes.subarray(from, j))) {
            objectsLists++;
            objectsKey = true;
          }
          inObjects = false;
        }
        expectKey = false;
      } else {
        endValue(j + 1);
      }
      i = j + 1;
    } else if (c === 0x7b || c === 0x5b) {
      startValue();
      objectAt.push(c === 0x7b);
      expectKey = c === 0x7b;
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      objectAt.pop();
      i++;
      endValue(i);
      if (inObjects && objectAt.length === 1 && c === 0x5d) spans.listEnd = i;
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = objectAt[objectAt.length - 1] === true;
      i++;
    } else if (c === 0x3a) {
      i++;
    } else {
      // A number or true/false/null: up to the next delimiter.
      startValue();
      let j = i + 1;
      while (j < n && !isDelimiter(bytes[j]!)) j++;
      if (c !== 0x74 && c !== 0x66 && c !== 0x6e && !isCanonicalNumber(bytes, i, j)) canonical = false;
      i = j;
      endValue(j);
    }
  }
  if (objectsLists !== 1 || spans.listEnd < 0) return undefined;
  spans.count = element + 1;
  return spans;
}

function grown(spans: CanonicalSpans): CanonicalSpans {
  const size = spans.start.length * 2;
  const copy = <T extends Int32Array | Uint8Array>(from: T, to: T) => (to.set(from), to);
  return {
    ...spans,
    start: copy(spans.start, new Int32Array(size)),
    end: copy(spans.end, new Int32Array(size)),
    canonical: copy(spans.canonical, new Uint8Array(size)),
    keys: copy(spans.keys, new Int32Array(size)),
  };
}

const isDelimiter = (c: number) => c === 0x2c || c === 0x7d || c === 0x5d || c === 0x3a || isWhitespace(c);

/** Whether bytes [from, to) are a number exactly as JSON.stringify writes it. */
function isCanonicalNumber(bytes: Buffer, from: number, to: number): boolean {
  // Common case first: a plain integer, no leading zero, short enough to be exact.
  let k = bytes[from] === 0x2d ? from + 1 : from;
  const digits = to - k;
  if (digits > 0 && digits <= 15 && (bytes[k] !== 0x30 || digits === 1)) {
    while (k < to && bytes[k]! >= 0x30 && bytes[k]! <= 0x39) k++;
    if (k === to) return !(digits === 1 && bytes[to - 1] === 0x30 && bytes[from] === 0x2d); // "-0" becomes "0"
  }
  const text = bytes.toString('latin1', from, to);
  return JSON.stringify(Number(text)) === text;
}

/** How many object keys a parsed JSON value holds, at any depth (compared with CanonicalSpans.keys). */
export function keysIn(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let keys = 0;
  if (Array.isArray(value)) {
    for (const item of value) keys += keysIn(item);
    return keys;
  }
  for (const key in value) keys += 1 + keysIn((value as Record<string, unknown>)[key]);
  return keys;
}
