// Evaluates observation expressions to bindings (§9.6–9.7): AND and FOLLOWEDBY need distinct observations,
// qualifiers filter or combine the bindings of the expression they qualify.
import type { ObservationExpression, Qualifier } from './ast.ts';
import { BindingSet, mergeBindings, spanOf, type Binding } from './binding.ts';
import type { ComparisonEvaluator } from './comparison-evaluator.ts';
import type { Observation } from './observation.ts';
import { parseInstant } from './timestamp.ts';

/** Bounds on the search so a pathological pattern over many observations stays finite. */
export const SEARCH_LIMITS = Object.freeze({ bindingsPerExpression: 10_000, combinations: 1_000_000, repeatDepth: 1_000 });

/** One evaluation of one pattern over one set of observations. */
export class ObservationEvaluator {
  #budget = SEARCH_LIMITS.combinations;

  constructor(
    readonly observations: readonly Observation[],
    readonly comparisons: ComparisonEvaluator,
  ) {}

  /** All bindings (up to the limits) that satisfy the expression. */
  bindings(expression: ObservationExpression): Binding[] {
    switch (expression.kind) {
      case 'observation':
        return this.observations.flatMap((observation, index) =>
          observation.objects.some((sco) => this.comparisons.holds(expression.expression, sco, observation)) ? [[index]] : [],
        );
      case 'or': {
        const set = this.#newSet();
        for (const operand of expression.operands) for (const b of this.bindings(operand)) set.add(b);
        return set.list;
      }
      case 'and':
      case 'followedBy': {
        let left = this.bindings(expression.operands[0]);
        for (const operand of expression.operands.slice(1)) {
          if (left.length === 0) return left;
          left = this.#combine(left, this.bindings(operand), expression.kind === 'followedBy');
        }
        return left;
      }
      case 'qualified':
        return this.#qualify(this.bindings(expression.expression), expression.qualifier);
    }
  }

  #newSet(): BindingSet {
    return new BindingSet(SEARCH_LIMITS.bindingsPerExpression);
  }

  #combine(left: Binding[], right: Binding[], ordered: boolean): Binding[] {
    const set = this.#newSet();
    for (const l of left) {
      const lastOfLeft = ordered ? spanOf(l, this.observations).maxLast.key : '';
      for (const r of right) {
        if (--this.#budget < 0 || set.full) return set.list;
        // FOLLOWEDBY: every observation on the right starts no earlier than every one on the left ends.
        if (ordered && spanOf(r, this.observations).minFirst.key < lastOfLeft) continue;
        const merged = mergeBindings(l, r, this.observations);
        if (merged) set.add(merged);
      }
    }
    return set.list;
  }

  #qualify(bindings: Binding[], qualifier: Qualifier): Binding[] {
    const obs = this.observations;
    switch (qualifier.kind) {
      case 'within': {
        // Some window of the given length touches every observation's [first_observed, last_observed].
        const window = qualifier.seconds * 1000;
        return bindings.filter((b) => {
          const span = spanOf(b, obs);
          return span.maxFirst.millis - span.minLast.millis <= window;
        });
      }
      case 'startStop': {
        const start = parseInstant(qualifier.start)!.key;
        const stop = parseInstant(qualifier.stop)!.key;
        return bindings.filter((b) => {
          const span = spanOf(b, obs);
          return span.minFirst.key >= start && span.maxLast.key < stop;
        });
      }
      case 'repeats':
        return this.#repeat(bindings, qualifier.times);
    }
  }

  /** n bindings of the expression that together use each observed-data at most number_observed times. */
  #repeat(bindings: Binding[], times: number): Binding[] {
    const set = this.#newSet();
    if (bindings.every((b) => b.length === 1)) return this.#repeatSingles(bindings, times, set);
    // Each binding uses at least one observation, so more repeats than observations cannot match; the depth
    // bound keeps the recursive search off the stack limit (documented in docs/pattern.md).
    const capacity = this.observations.reduce((sum, o) => sum + o.numberObserved, 0);
    if (times > capacity || times > SEARCH_LIMITS.repeatDepth) return [];
    const choose = (from: number, chosen: Binding, remaining: number): void => {
      if (remaining === 0) {
        set.add(chosen);
        return;
      }
      for (let i = from; i < bindings.length; i++) {
        if (--this.#budget < 0 || set.full) return;
        const merged = mergeBindings(chosen, bindings[i], this.observations);
        if (merged) choose(i, merged, remaining - 1);
      }
    };
    choose(0, [], times);
    return set.list;
  }

  /** The common case (each binding one observation): one binding per observation, filled up greedily. */
  #repeatSingles(bindings: Binding[], times: number, set: BindingSet): Binding[] {
    const indices = bindings.map((b) => b[0]);
    const capacity = indices.reduce((sum, i) => sum + this.observations[i].numberObserved, 0);
    if (capacity < times) return [];
    for (const first of indices) {
      this.#budget -= times;
      if (this.#budget < 0 || set.full) break;
      const counts = new Map<number, number>();
      let left = times;
      for (const i of [first, ...indices.filter((j) => j !== first)]) {
        const take = Math.min(left, this.observations[i].numberObserved);
        counts.set(i, take);
        left -= take;
        if (left === 0) break;
      }
      set.add([...counts].sort((a, b) => a[0] - b[0]).flatMap(([i, n]) => Array<number>(n).fill(i)));
    }
    return set.list;
  }
}
