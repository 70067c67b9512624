// The abstract syntax tree of a STIX 2.1 pattern (STIX 2.1 §9, grammar STIXPattern.g4).

/** A typed constant from the pattern text; `position` is its 0-based offset. */
export type Literal =
  | { kind: 'string'; value: string; position: number }
  | { kind: 'int'; value: number; position: number }
  | { kind: 'float'; value: number; position: number }
  | { kind: 'bool'; value: boolean; position: number }
  | { kind: 'hex'; value: Uint8Array; position: number }
  | { kind: 'binary'; value: Uint8Array; position: number }
  | { kind: 'timestamp'; value: string; millis: number; position: number };

/** One step after the first property: `.key` / `.'quoted key'` or `[n]` / `[*]`. */
export type PathStep = { kind: 'key'; key: string } | { kind: 'index'; index: number | '*' };

/** `type:prop.sub[0]`: the SCO type, then the property steps starting with the first property. */
export interface ObjectPath {
  objectType: string;
  steps: readonly PathStep[];
  text: string;
  position: number;
}

/** The comparison operators; EXISTS takes no value. */
export type ComparisonOperator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'IN'
  | 'LIKE'
  | 'MATCHES'
  | 'ISSUBSET'
  | 'ISSUPERSET';

/** One property test such as `file:size NOT > 10`; `values` has one literal, or the set's members for IN. */
export interface Comparison {
  kind: 'comparison';
  path: ObjectPath;
  operator: ComparisonOperator;
  negated: boolean;
  values: readonly Literal[];
}

/** `EXISTS type:path` (optionally `NOT EXISTS`). */
export interface ExistsTest {
  kind: 'exists';
  path: ObjectPath;
  negated: boolean;
}

/** What sits inside the brackets of one observation expression. */
export type ComparisonExpression =
  | Comparison
  | ExistsTest
  | { kind: 'and' | 'or'; operands: readonly ComparisonExpression[] };

/** A qualifier applied to an observation expression. */
export type Qualifier =
  | { kind: 'within'; seconds: number }
  | { kind: 'startStop'; start: string; startMillis: number; stop: string; stopMillis: number }
  | { kind: 'repeats'; times: number };

/** An observation expression: brackets, a combination of them, or a qualified one. */
export type ObservationExpression =
  | { kind: 'observation'; expression: ComparisonExpression; objectTypes: readonly string[] }
  | { kind: 'and' | 'or' | 'followedBy'; operands: readonly ObservationExpression[] }
  | { kind: 'qualified'; expression: ObservationExpression; qualifier: Qualifier };

/** A parsed pattern with its source text. */
export interface Pattern {
  text: string;
  root: ObservationExpression;
}
