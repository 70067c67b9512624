// One (object type, path) of the index: hash keys for equality, prefixes, suffixes and CIDR networks, each
// mapping to the patterns that need an SCO value with that key.
import type { ObjectPath } from './ast.ts';
import { parseNetwork } from './cidr.ts';

/** How a key is derived from an SCO value: the whole value, a prefix or suffix of some length, or a network. */
export type ProbeKind = 'eq' | 'prefix' | 'suffix' | 'cidr4' | 'cidr6';

/** A key a pattern registers: any match needs an SCO value at the path that yields this key. */
export interface ProbeKey {
  kind: ProbeKind;
  /** The prefix/suffix length or CIDR prefix length (0 for equality). */
  length: number;
  key: string;
}

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

/** The registered keys of one path, with counts of the lengths in use so lookups try only those. */
export class IndexedPath {
  readonly byKey = new Map<string, Set<string>>();
  readonly #lengths: Record<Exclude<ProbeKind, 'eq'>, Map<number, number>> = {
    prefix: new Map(), suffix: new Map(), cidr4: new Map(), cidr6: new Map(),
  };
  uses = 0;

  constructor(readonly path: ObjectPath) {}

  /** Registers a pattern under a key. */
  add(probe: ProbeKey, id: string): void {
    this.uses++;
    if (probe.kind !== 'eq') bump(this.#lengths[probe.kind], probe.length, 1);
    let ids = this.byKey.get(probe.key);
    if (!ids) this.byKey.set(probe.key, (ids = new Set()));
    ids.add(id);
  }

  /** Unregisters a pattern from a key. */
  delete(probe: ProbeKey, id: string): void {
    this.uses--;
    if (probe.kind !== 'eq') bump(this.#lengths[probe.kind], probe.length, -1);
    const ids = this.byKey.get(probe.key);
    ids?.delete(id);
    if (ids?.size === 0) this.byKey.delete(probe.key);
  }

  /** Adds to `into` every pattern registered under a key this SCO value yields. */
  collect(value: unknown, into: Set<string>): void {
    const take = (key: string) => {
      const ids = this.byKey.get(key);
      if (ids) for (const id of ids) into.add(id);
    };
    const eq = valueKeyOf(value);
    if (eq !== undefined) take(eq);
    if (typeof value !== 'string') return;
    for (const length of this.#lengths.prefix.keys()) if (value.length >= length) take(`p:${value.slice(0, length)}`);
    for (const length of this.#lengths.suffix.keys()) if (value.length >= length) take(`x:${value.slice(-length)}`);
    if (this.#lengths.cidr4.size === 0 && this.#lengths.cidr6.size === 0) return;
    const network = parseNetwork(value);
    if (!network) return;
    for (const length of this.#lengths[network.family === 4 ? 'cidr4' : 'cidr6'].keys()) {
      if (network.prefix >= length) take(networkKey(network.family, network.address, length));
    }
  }
}

function bump(map: Map<number, number>, length: number, by: number): void {
  const count = (map.get(length) ?? 0) + by;
  if (count > 0) map.set(length, count);
  else map.delete(length);
}
