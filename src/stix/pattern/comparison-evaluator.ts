// Decides whether one SCO satisfies the comparison expression inside an observation expression's brackets.
import type { Comparison, ComparisonExpression } from './ast.ts';
import { bytesToLatin1 } from './bytes.ts';
import { parseNetwork, networkContains } from './cidr.ts';
import { compareValue, encodingOf, toBytes, type Encoding } from './compare.ts';
import { compileLike } from './like.ts';
import { lastKey, valuesAt } from './object-path.ts';
import type { JsonObject, Observation } from './observation.ts';
import { RegexCache } from './regex.ts';
import type { LikeMatcher } from './like.ts';

/** Evaluates comparison expressions; owns the compiled LIKE/MATCHES expressions it has seen. */
export class ComparisonEvaluator {
  readonly #regexes = new RegexCache();
  readonly #likes = new Map<string, LikeMatcher>();

  /** True when the SCO satisfies the expression; tests on another object type are false for it. */
  holds(expression: ComparisonExpression, sco: JsonObject, observation: Observation): boolean {
    switch (expression.kind) {
      case 'and':
        return expression.operands.every((e) => this.holds(e, sco, observation));
      case 'or':
        return expression.operands.some((e) => this.holds(e, sco, observation));
      case 'exists':
        if (sco.type !== expression.path.objectType) return false;
        return (valuesAt(expression.path, sco, observation).length > 0) !== expression.negated;
      case 'comparison': {
        // A missing property satisfies nothing, negated or not; NOT negates each value's test.
        const values = valuesAt(expression.path, sco, observation);
        const encoding = encodingOf(lastKey(expression.path));
        return values.some((v) => this.#test(expression, v, encoding) !== expression.negated);
      }
    }
  }

  #test(comparison: Comparison, value: unknown, encoding: Encoding): boolean {
    const literal = comparison.values[0];
    switch (comparison.operator) {
      case '=':
        return compareValue(value, literal, encoding) === 0;
      case '!=': {
        const order = compareValue(value, literal, encoding);
        return order !== undefined && order !== 0;
      }
      case '<':
        return (compareValue(value, literal, encoding) ?? 0) < 0;
      case '<=':
        return (compareValue(value, literal, encoding) ?? 1) <= 0;
      case '>':
        return (compareValue(value, literal, encoding) ?? 0) > 0;
      case '>=':
        return (compareValue(value, literal, encoding) ?? -1) >= 0;
      case 'IN':
        return comparison.values.some((member) => compareValue(value, member, encoding) === 0);
      case 'LIKE':
        return typeof value === 'string' && this.#like(String(literal.value)).test(value);
      case 'MATCHES': {
        const text = encoding === 'plain' ? value : toBytes(value, encoding, encoding === 'hex' ? 'hex' : 'binary');
        const subject = text instanceof Uint8Array ? bytesToLatin1(text) : text;
        return typeof subject === 'string' && this.#regexes.get(String(literal.value)).test(subject);
      }
      case 'ISSUBSET':
      case 'ISSUPERSET': {
        const mine = typeof value === 'string' ? parseNetwork(value) : undefined;
        const theirs = parseNetwork(String(literal.value));
        if (!mine || !theirs) return false;
        return comparison.operator === 'ISSUBSET' ? networkContains(theirs, mine) : networkContains(mine, theirs);
      }
    }
  }

  #like(source: string): LikeMatcher {
    let re = this.#likes.get(source);
    if (!re) this.#likes.set(source, (re = compileLike(source)));
    return re;
  }
}
