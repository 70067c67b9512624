// What any match of a pattern needs to see, so the index can skip patterns that cannot match an observation.
import type { Comparison, ComparisonExpression, Literal, ObjectPath, ObservationExpression } from './ast.ts';
import { parseNetwork } from './cidr.ts';
import { encodingOf } from './compare.ts';
import { GRAM, networkKey, valueKeyOf, type ProbeKey } from './indexed-path.ts';
import { likeLongestLiteral, likePrefix, likeSuffix, regexLongestLiteral, regexPrefix } from './literal-prefix.ts';
import { lastKey } from './object-path.ts';

/** A (type, path, key) entry: some SCO must have a value at this path that yields this key. */
export interface ValueKey {
  objectType: string;
  path: ObjectPath;
  pathKey: string;
  probe: ProbeKey;
}

/** Either a set of value keys one of which must be hit, or (no indexable literal) object types one must appear. */
export type Requirement = { kind: 'values'; keys: ValueKey[] } | { kind: 'types'; types: string[] };

/** The canonical form of a path, so `hashes.'SHA-256'` and `hashes.SHA256` never collide and quoting does not matter. */
export function pathKeyOf(path: ObjectPath): string {
  return JSON.stringify(path.steps);
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
      if (expression.negated) return undefined;
      const probes = probesOf(expression);
      const path = expression.path;
      return probes?.map((probe) => ({ objectType: path.objectType, path, pathKey: pathKeyOf(path), probe }));
    }
  }
}

/** The keys one comparison needs; LIKE/MATCHES only on plain text (their bytes differ on _bin/_hex). */
function probesOf(comparison: Comparison): ProbeKey[] | undefined {
  const literal = comparison.values[0];
  const text = literal?.kind === 'string' ? literal.value : undefined;
  const plain = encodingOf(lastKey(comparison.path)) === 'plain';
  switch (comparison.operator) {
    case '=':
    case 'IN': {
      const probes: ProbeKey[] = [];
      for (const value of comparison.values) {
        const key = literalKey(value);
        if (key === undefined) return undefined;
        probes.push({ kind: 'eq', length: 0, key });
      }
      return probes;
    }
    case 'LIKE': {
      if (text === undefined || !plain) return undefined;
      const prefix = likePrefix(text);
      if (prefix) return [{ kind: 'prefix', length: prefix.length, key: prefix }];
      const suffix = likeSuffix(text);
      if (suffix) return [{ kind: 'suffix', length: suffix.length, key: suffix }];
      return gram(likeLongestLiteral(text));
    }
    case 'MATCHES': {
      if (text === undefined || !plain) return undefined;
      const prefix = regexPrefix(text);
      if (prefix) return [{ kind: 'prefix', length: prefix.length, key: prefix }];
      return gram(regexLongestLiteral(text));
    }
    case 'ISSUBSET': {
      const network = text === undefined ? undefined : parseNetwork(text);
      if (!network) return undefined;
      const kind = network.family === 4 ? 'cidr4' : 'cidr6';
      return [{ kind, length: network.prefix, key: networkKey(network.family, network.address, network.prefix) }];
    }
    default:
      return undefined;
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

function gram(literal: string): ProbeKey[] | undefined {
  return literal.length >= GRAM ? [{ kind: 'gram', length: GRAM, key: '', literal }] : undefined;
}
