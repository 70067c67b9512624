// One (object type, path) of the index: hash keys for equality, prefixes, suffixes and CIDR networks, each
// mapping to the patterns that need an SCO value with that key.
import type { ObjectPath } from './ast.ts';
import { parseNetwork } from './cidr.ts';

/**
 * How a key is derived from an SCO value: the whole value, a prefix or suffix of some length, a network, or
 * any three-character substring (`gram`, for literals a LIKE or MATCHES needs somewhere in the value).
 */
export type ProbeKind = 'eq' | 'prefix' | 'suffix' | 'cidr4' | 'cidr6' | 'gram';

/** A key a pattern registers: any match needs an SCO value at the path that yields this key. */
export interface ProbeKey {
  kind: ProbeKind;
  /** The prefix/suffix length or CIDR prefix length (0 for equality). */
  length: number;
  key: string;
  /** For `gram` before it is placed: the literal whose least-used trigram becomes the key. */
  literal?: string;
}

/** The shortest literal a `gram` key is made from, and the window length used for literals this long or longer. */
export const GRAM = 3;
export const LONG_GRAM = 6;

/** The canonical form of a value for equality; undefined for values that are never hashed. */
export function valueKeyOf(value: unknown): string | undefined {
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'number') return `n:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  return undefined;
}

/** The key of a network at a prefix length (the address masked to that length). */
export function networkKey(family: 4 | 6, address: bigint, length: number): string {
  const bits = family === 4 ? 32 : 128;
  const masked = length === 0 ? 0n : address >> BigInt(bits - length);
  return `c${family}/${length}:${masked.toString(16)}`;
}

/** The registered keys of one path, one map per kind, with counts of the lengths in use so lookups try only those. */
export class IndexedPath {
  readonly #maps: Record<ProbeKind, Map<string, Set<string>>> = {
    eq: new Map(), prefix: new Map(), suffix: new Map(), cidr4: new Map(), cidr6: new Map(), gram: new Map(),
  };
  readonly #lengths: Record<Exclude<ProbeKind, 'eq'>, Map<number, number>> = {
    prefix: new Map(), suffix: new Map(), cidr4: new Map(), cidr6: new Map(), gram: new Map(),
  };
  uses = 0;

  constructor(readonly path: ObjectPath) {}

  /**
   * Turns a `gram` probe into a key: a window of its literal (6 characters, or 3 for shorter literals), the one
   * with the fewest patterns so far, preferring windows with digits or punctuation, which are rarer in values.
   */
  place(probe: ProbeKey): ProbeKey {
    if (probe.kind !== 'gram' || !probe.literal) return probe;
    const literal = probe.literal;
    const length = literal.length >= LONG_GRAM ? LONG_GRAM : GRAM;
    let best = '';
    let bestScore = Infinity;
    for (let i = 0; i + length <= literal.length; i++) {
      const window = literal.slice(i, i + length);
      const plain = window.replace(/[^a-z]/g, '').length;
      const score = (this.#maps.gram.get(window)?.size ?? 0) * 100 + plain;
      if (score < bestScore) [best, bestScore] = [window, score];
    }
    return { kind: 'gram', length, key: best };
  }

  /** Registers a pattern under a key. */
  add(probe: ProbeKey, id: string): void {
    this.uses++;
    if (probe.kind !== 'eq') bump(this.#lengths[probe.kind], probe.length, 1);
    const map = this.#maps[probe.kind];
    let ids = map.get(probe.key);
    if (!ids) map.set(probe.key, (ids = new Set()));
    ids.add(id);
  }

  /** Unregisters a pattern from a key. */
  delete(probe: ProbeKey, id: string): void {
    this.uses--;
    if (probe.kind !== 'eq') bump(this.#lengths[probe.kind], probe.length, -1);
    const map = this.#maps[probe.kind];
    const ids = map.get(probe.key);
    ids?.delete(id);
    if (ids?.size === 0) map.delete(probe.key);
  }

  /** Adds to `into` every pattern registered under a key this SCO value yields. */
  collect(value: unknown, into: Set<string>): void {
    const maps = this.#maps;
    const eq = valueKeyOf(value);
    if (eq !== undefined) take(maps.eq, eq, into);
    if (typeof value !== 'string') return;
    const lengths = this.#lengths;
    for (const length of lengths.prefix.keys()) if (value.length >= length) take(maps.prefix, value.slice(0, length), into);
    for (const length of lengths.suffix.keys()) if (value.length >= length) take(maps.suffix, value.slice(-length), into);
    for (const length of lengths.gram.keys()) {
      for (let i = 0; i + length <= value.length; i++) take(maps.gram, value.slice(i, i + length), into);
    }
    if (lengths.cidr4.size === 0 && lengths.cidr6.size === 0) return;
    const network = parseNetwork(value);
    if (!network) return;
    const kind = network.family === 4 ? 'cidr4' : 'cidr6';
    for (const length of lengths[kind].keys()) {
      if (network.prefix >= length) take(maps[kind], networkKey(network.family, network.address, length), into);
    }
  }
}

function take(map: Map<string, Set<string>>, key: string, into: Set<string>): void {
  const ids = map.get(key);
  if (ids) for (const id of ids) into.add(id);
}

function bump(map: Map<number, number>, length: number, by: number): void {
  const count = (map.get(length) ?? 0) + by;
  if (count > 0) map.set(length, count);
  else map.delete(length);
}
