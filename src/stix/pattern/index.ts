// STIX 2.1 patterning: parse, check, match and index patterns. Imports nothing else of Parley's.
export type * from './ast.ts';
export { parsePattern, checkPattern, type PatternCheck } from './parser.ts';
export { PatternSyntaxError } from './pattern-syntax-error.ts';
export { matchPattern, type MatchResult } from './matcher.ts';
export { Observation, ObservationInputError, observationsFrom, type JsonObject } from './observation.ts';
export { PatternIndex } from './pattern-index.ts';
export { SEARCH_LIMITS } from './observation-evaluator.ts';
