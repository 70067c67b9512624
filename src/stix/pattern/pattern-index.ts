// Many patterns matched against incoming observations without looping over all of them: candidates come from a
// hash map (type, path, value) → patterns for equality/IN tests, or from per-type lists for the rest.
import type { Pattern } from './ast.ts';
import { ComparisonEvaluator } from './comparison-evaluator.ts';
import { requirementOf, type Requirement } from './index-requirement.ts';
import { IndexedPath } from './indexed-path.ts';
import { matchPattern } from './matcher.ts';
import { valuesAt } from './object-path.ts';
import { Observation } from './observation.ts';
import { parsePattern } from './parser.ts';

interface Entry {
  pattern: Pattern;
  requirement: Requirement;
  sequence: number;
}

/**
 * An index of patterns by id (usually indicator ids). Equality, IN, LIKE/MATCHES with a literal prefix (or LIKE
 * suffix) and ISSUBSET register hash keys; patterns with none of these in every branch sit in per-type lists.
 */
export class PatternIndex {
  readonly #entries = new Map<string, Entry>();
  readonly #paths = new Map<string, Map<string, IndexedPath>>();
  readonly #byType = new Map<string, Set<string>>();
  readonly #comparisons = new ComparisonEvaluator();
  #sequence = 0;

  /** The number of patterns indexed. */
  get size(): number {
    return this.#entries.size;
  }

  /** How many patterns sit in the per-type lists (no hashable key), evaluated for every SCO of their types. */
  get unkeyedCount(): number {
    let count = 0;
    for (const entry of this.#entries.values()) if (entry.requirement.kind === 'types') count++;
    return count;
  }

  /** Adds (or replaces) a pattern; throws PatternSyntaxError when a string does not parse. */
  add(id: string, pattern: string | Pattern): void {
    const parsed = typeof pattern === 'string' ? parsePattern(pattern) : pattern;
    if (this.#entries.has(id)) this.remove(id);
    const requirement = requirementOf(parsed.root);
    const sequence = this.#sequence++;
    if (requirement.kind === 'types') {
      for (const type of requirement.types) getOrSet(this.#byType, type, () => new Set()).add(id);
      this.#entries.set(id, { pattern: parsed, requirement, sequence });
      return;
    }
    const placed = requirement.keys.map((key) => {
      const paths = getOrSet(this.#paths, key.objectType, () => new Map());
      const indexed = getOrSet(paths, key.pathKey, () => new IndexedPath(key.path));
      const probe = indexed.place(key.probe);
      indexed.add(probe, id);
      return { ...key, probe };
    });
    // Keep the placed keys (a window choice depends on the index's state) so remove() finds them.
    this.#entries.set(id, { pattern: parsed, requirement: { kind: 'values', keys: placed }, sequence });
  }

  /** Removes a pattern; false when the id was not indexed. */
  remove(id: string): boolean {
    const entry = this.#entries.get(id);
    if (!entry) return false;
    this.#entries.delete(id);
    const requirement = entry.requirement;
    if (requirement.kind === 'types') {
      for (const type of requirement.types) deleteFrom(this.#byType, type, id);
      return true;
    }
    for (const key of requirement.keys) {
      const paths = this.#paths.get(key.objectType);
      const indexed = paths?.get(key.pathKey);
      if (!paths || !indexed) continue;
      indexed.delete(key.probe, id);
      if (indexed.uses === 0) paths.delete(key.pathKey);
      if (paths.size === 0) this.#paths.delete(key.objectType);
    }
    return true;
  }

  /** Ids of the patterns that match these observations (taken together), in the order they were added. */
  match(observations: Observation | readonly Observation[]): string[] {
    const list = observations instanceof Observation ? [observations] : observations;
    const candidates = new Set<string>();
    for (const observation of list) {
      for (const sco of observation.objects) this.#collect(sco, observation, candidates);
    }
    const matched: [id: string, sequence: number][] = [];
    for (const id of candidates) {
      const entry = this.#entries.get(id)!;
      if (this.#matches(entry.pattern, list)) matched.push([id, entry.sequence]);
    }
    return matched.sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }

  #matches(pattern: Pattern, list: readonly Observation[]): boolean {
    const root = pattern.root;
    // One bracketed expression needs no bindings: some SCO of some observation satisfies it.
    if (root.kind === 'observation') {
      return list.some((o) => o.objects.some((sco) => this.#comparisons.holds(root.expression, sco, o)));
    }
    return matchPattern(pattern, list, this.#comparisons).matched;
  }

  #collect(sco: Record<string, unknown>, observation: Observation, candidates: Set<string>): void {
    if (typeof sco.type !== 'string') return;
    for (const id of this.#byType.get(sco.type) ?? []) candidates.add(id);
    const paths = this.#paths.get(sco.type);
    if (!paths) return;
    for (const indexed of paths.values()) {
      for (const value of valuesAt(indexed.path, sco, observation)) indexed.collect(value, candidates);
    }
  }
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

function deleteFrom<K>(map: Map<K, Set<string>>, key: K, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
