// What any match of a pattern needs to see, so the index can skip patterns that cannot match an observation.
import type { ComparisonExpression, Literal, ObjectPath, ObservationExpression } from './ast.ts';

/** A (type, path, value) key: some SCO must have exactly this value at this path. */
export interface ValueKey {
  objectType: string;
  path: ObjectPath;
  pathKey: string;
  valueKey: string;
}

/** Either a set of value keys one of which must be hit, or (no indexable literal) object types one must appear. */
export type Requirement = { kind: 'values'; keys: ValueKey[] } | { kind: 'types'; types: string[] };

/** The canonical form of a path, so `hashes.'SHA-256'` and `hashes.SHA256` never collide and quoting does not matter. */
export function pathKeyOf(path: ObjectPath): string {
  return JSON.stringify(path.steps);
}

/** The canonical form of a value for equality; undefined for values the index does not hash. */
export function valueKeyOf(value: unknown): string | undefined {
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'number') return `n:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  return undefined;
}

function literalKey(literal: Literal): string | undefined {
  if (literal.kind === 'string' || literal.kind === 'int' || literal.kind === 'float' || literal.kind === 'bool') {
    return valueKeyOf(literal.value);
  }
  return undefined;
}

/** The requirement of a whole pattern: value keys when every branch has an equality on a hashable constant. */
export function requirementOf(root: ObservationExpression): Requirement {
  const keys = observationKeys(root);
  return keys ? { kind: 'values', keys } : { kind: 'types', types: [...observationTypes(root)] };
}

function smallest(options: (ValueKey[] | undefined)[]): ValueKey[] | undefined {
  let best: ValueKey[] | undefined;
  for (const option of options) if (option && (!best || option.length < best.length)) best = option;
  return best;
}

function union(options: (ValueKey[] | undefined)[]): ValueKey[] | undefined {
  return options.every((o) => o !== undefined) ? options.flat() as ValueKey[] : undefined;
}

function observationKeys(expression: ObservationExpression): ValueKey[] | undefined {
  switch (expression.kind) {
    case 'observation':
      return comparisonKeys(expression.expression);
    case 'and':
    case 'followedBy':
      return smallest(expression.operands.map(observationKeys));
    case 'or':
      return union(expression.operands.map(observationKeys));
    case 'qualified':
      return observationKeys(expression.expression);
  }
}

function comparisonKeys(expression: ComparisonExpression): ValueKey[] | undefined {
  switch (expression.kind) {
    case 'and':
      return smallest(expression.operands.map(comparisonKeys));
    case 'or':
      return union(expression.operands.map(comparisonKeys));
    case 'exists':
      return undefined;
    case 'comparison': {
      if (expression.negated || (expression.operator !== '=' && expression.operator !== 'IN')) return undefined;
      const keys: ValueKey[] = [];
      for (const literal of expression.values) {
        const valueKey = literalKey(literal);
        if (valueKey === undefined) return undefined;
        const path = expression.path;
        keys.push({ objectType: path.objectType, path, pathKey: pathKeyOf(path), valueKey });
      }
      return keys;
    }
  }
}

function observationTypes(expression: ObservationExpression): Set<string> {
  switch (expression.kind) {
    case 'observation':
      return new Set(expression.objectTypes);
    case 'qualified':
      return observationTypes(expression.expression);
    default: {
      // Any operand's types would do for AND/FOLLOWEDBY; the union is simpler and still sound.
      return new Set(expression.operands.flatMap((o) => [...observationTypes(o)]));
    }
  }
}
