// A binding: the observations (with multiplicity) that together satisfy an observation expression.
import type { Observation } from './observation.ts';
import type { Instant } from './timestamp.ts';

/** Sorted observation indices; an index may repeat up to that observed-data's number_observed. */
export type Binding = readonly number[];

/** Merges two bindings, or undefined when together they use an observed-data more often than it was observed. */
export function mergeBindings(a: Binding, b: Binding, observations: readonly Observation[]): Binding | undefined {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    merged.push(next);
  }
  let run = 1;
  for (let k = 1; k <= merged.length; k++) {
    if (k < merged.length && merged[k] === merged[k - 1]) run++;
    else {
      if (run > observations[merged[k - 1]].numberObserved) return undefined;
      run = 1;
    }
  }
  return merged;
}

/** The earliest and latest of first_observed and last_observed over a binding. */
export interface Span {
  minFirst: Instant;
  maxFirst: Instant;
  minLast: Instant;
  maxLast: Instant;
}

/** The time span of a binding's observations. */
export function spanOf(binding: Binding, observations: readonly Observation[]): Span {
  const first = observations[binding[0]];
  const span = { minFirst: first.firstObserved, maxFirst: first.firstObserved, minLast: first.lastObserved, maxLast: first.lastObserved };
  for (const index of binding) {
    const o = observations[index];
    if (o.firstObserved.key < span.minFirst.key) span.minFirst = o.firstObserved;
    if (o.firstObserved.key > span.maxFirst.key) span.maxFirst = o.firstObserved;
    if (o.lastObserved.key < span.minLast.key) span.minLast = o.lastObserved;
    if (o.lastObserved.key > span.maxLast.key) span.maxLast = o.lastObserved;
  }
  return span;
}

/** Collects distinct bindings up to a limit. */
export class BindingSet {
  readonly #keys = new Set<string>();
  readonly list: Binding[] = [];

  constructor(readonly limit: number) {}

  /** Adds a binding unless an equal one is present; false once the set is full. */
  add(binding: Binding): boolean {
    if (this.list.length >= this.limit) return false;
    const key = binding.join(',');
    if (!this.#keys.has(key)) {
      this.#keys.add(key);
      this.list.push(binding);
    }
    return true;
  }

  /** True once no more bindings are taken. */
  get full(): boolean {
    return this.list.length >= this.limit;
  }
}
