// Matching a pattern against observed-data (§9.6–9.7).
import type { Pattern } from './ast.ts';
import { ComparisonEvaluator } from './comparison-evaluator.ts';
import { ObservationEvaluator } from './observation-evaluator.ts';
import { Observation, observationsFrom } from './observation.ts';
import { parsePattern } from './parser.ts';

/** Whether the pattern matched, each binding as observed-data ids, and every observed-data id in any binding. */
export interface MatchResult {
  matched: boolean;
  bindings: string[][];
  observedDataIds: string[];
}

/**
 * Matches a pattern against observations: built ones, or raw STIX objects (observed-data plus the SCOs their
 * object_refs name). Throws PatternSyntaxError for a bad pattern and ObservationInputError for bad observed-data.
 */
export function matchPattern(
  pattern: Pattern | string,
  observations: readonly Observation[] | readonly unknown[],
  comparisons: ComparisonEvaluator = new ComparisonEvaluator(),
): MatchResult {
  const parsed = typeof pattern === 'string' ? parsePattern(pattern) : pattern;
  const built = observations.every((o) => o instanceof Observation)
    ? (observations as readonly Observation[])
    : observationsFrom(observations);
  const bindings = new ObservationEvaluator(built, comparisons).bindings(parsed.root);
  const used = new Set<number>();
  for (const binding of bindings) for (const index of binding) used.add(index);
  return {
    matched: bindings.length > 0,
    bindings: bindings.map((b) => [...new Set(b)].map((i) => built[i].id)),
    observedDataIds: [...used].sort((a, b) => a - b).map((i) => built[i].id),
  };
}
