/**
 * Where each element of a TAXII envelope's `objects` list lies in the body's UTF-8 bytes, and whether those bytes are
 * already exactly `JSON.stringify` of the parsed element (the form the store keeps), so that no string has to be
 * made: compact (no whitespace), the escapes JSON.stringify writes and no others, numbers as JSON.stringify writes
 * them, no key that V8 would reorder (array indexes), and — checked by the caller with `keys` — no duplicate key.
 */
export interface CanonicalSpans {
  /** Byte offset where element i starts (`start[i]`) and ends (`end[i]`, exclusive); end is -1 when not canonical. */
  start: Int32Array;
  end: Int32Array;
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

const isWhitespace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isLowerHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);

/**
 * Scans `bytes`, which must hold valid UTF-8 that JSON.parse accepted, for the single top-level `objects` list of
 * `count` elements. Undefined when the envelope has no such list (or more than one `objects` key): the caller then
 * serialises every object itself.
 */
export function canonicalSpans(body: Uint8Array, count: number): CanonicalSpans | undefined {
  // Buffer's indexOf (memchr) is about twice as fast here as a plain Uint8Array's: the same bytes, no copy.
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const spans: CanonicalSpans = { start: new Int32Array(count), end: new Int32Array(count), keys: new Int32Array(count) };
  // Containers from the envelope (depth 1) down: true for objects. Elements of `objects` are at depth 2.
  const objectAt: boolean[] = [];
  let expectKey = false;
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
      if (element >= count) return false;
      spans.start[element] = i;
      canonical = true;
      keys = 0;
    }
    return true;
  };
  const endValue = (end: number) => {
    if (inObjects && objectAt.length === 2 && element >= 0) {
      spans.end[element] = canonical ? end : -1;
      spans.keys[element] = keys;
    }
  };
  while (i < n) {
    const c = bytes[i]!;
    if (isWhitespace(c)) {
      if (objectAt.length > 2) canonical = false;
      i++;
    } else if (c === QUOTE) {
      const isKey = expectKey;
      if (!isKey && !startValue()) return undefined;
      const from = i + 1;
      // The closing quote: the next one not escaped. Backslashes are found with indexOf, as quotes are.
      let j = from;
      for (;;) {
        const quote = bytes.indexOf(QUOTE, j);
        if (nextBackslash < j && nextBackslash !== -1) nextBackslash = bytes.indexOf(BACKSLASH, j);
        if (nextBackslash === -1 || nextBackslash > quote) {
          j = quote;
          break;
        }
        const escaped = bytes[nextBackslash + 1]!;
        if (escaped === 0x75) {
          const hex = bytes.subarray(nextBackslash + 2, nextBackslash + 6);
          const code = Number.parseInt(hex.toString('latin1'), 16);
          if (code >= 0x20 || SHORT_CONTROLS.has(code) || !hex.every(isLowerHex)) canonical = false;
          j = nextBackslash + 6;
        } else {
          if (!SHORT_ESCAPES.has(escaped)) canonical = false;
          j = nextBackslash + 2;
        }
      }
      if (isKey) {
        keys++;
        const first = bytes[from]!;
        // V8 puts array-index keys ("0", "17") first, whatever their place in the text.
        if (first >= 0x30 && first <= 0x39) canonical = false;
        if (objectAt.length === 1 && j - from === OBJECTS.length && OBJECTS.equals(bytes.subarray(from, j))) {
          objectsLists++;
          inObjects = true;
        } else if (objectAt.length === 1) {
          inObjects = false;
        }
        expectKey = false;
      } else {
        endValue(j + 1);
      }
      i = j + 1;
    } else if (c === 0x7b || c === 0x5b) {
      if (!startValue()) return undefined;
      objectAt.push(c === 0x7b);
      expectKey = c === 0x7b;
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      objectAt.pop();
      i++;
      endValue(i);
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = objectAt[objectAt.length - 1] === true;
      i++;
    } else if (c === 0x3a) {
      i++;
    } else {
      // A number or true/false/null: up to the next delimiter.
      if (!startValue()) return undefined;
      let j = i + 1;
      while (j < n && !isDelimiter(bytes[j]!)) j++;
      if (c !== 0x74 && c !== 0x66 && c !== 0x6e && !isCanonicalNumber(bytes, i, j)) canonical = false;
      i = j;
      endValue(j);
    }
  }
  return objectsLists === 1 && element === count - 1 ? spans : undefined;
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
