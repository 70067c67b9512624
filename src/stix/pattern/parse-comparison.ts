// The part of the grammar inside brackets: property tests joined by AND / OR, with parentheses.
import type { ComparisonExpression, ComparisonOperator, Literal, ObjectPath, PathStep } from './ast.ts';
import { parseNetwork } from './cidr.ts';
import { parseLiteral } from './literal.ts';
import { PatternSyntaxError } from './pattern-syntax-error.ts';
import { compileRegex } from './regex.ts';
import type { TokenStream } from './token-stream.ts';

const ORDER_OPS = new Set(['<', '<=', '>', '>=']);
const STRING_OPS = new Set(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);

/** comparisonExpression: AND binds tighter than OR; AND-joined tests must name one object type. */
export function parseComparisonOr(stream: TokenStream): ComparisonExpression {
  const operands = [parseComparisonAnd(stream)];
  while (stream.accept('OR')) operands.push(parseComparisonAnd(stream));
  return operands.length === 1 ? operands[0] : { kind: 'or', operands };
}

function parseComparisonAnd(stream: TokenStream): ComparisonExpression {
  const first = stream.peek();
  const operands = [parsePropTest(stream)];
  while (stream.accept('AND')) operands.push(parsePropTest(stream));
  if (operands.length === 1) return operands[0];
  const expression: ComparisonExpression = { kind: 'and', operands };
  const types = objectTypesOf(expression);
  if (types.size > 1) {
    throw new PatternSyntaxError(
      first.position,
      `comparison expressions joined by AND must use one object type, found ${[...types].join(', ')}`,
      stream.text,
    );
  }
  return expression;
}

/** The SCO types a comparison expression refers to. */
export function objectTypesOf(expression: ComparisonExpression): Set<string> {
  if ('operands' in expression) {
    return new Set(expression.operands.flatMap((e) => [...objectTypesOf(e)]));
  }
  return new Set([expression.path.objectType]);
}

function parsePropTest(stream: TokenStream): ComparisonExpression {
  const open = stream.peek();
  if (stream.accept('(')) {
    stream.nest(open);
    const inner = parseComparisonOr(stream);
    stream.expect(')', "')' to close the parenthesised comparison expression");
    stream.unnest();
    return inner;
  }
  const negatedExists = stream.peek().text === 'NOT' && stream.peek(1).text === 'EXISTS';
  if (negatedExists) stream.next();
  if (stream.accept('EXISTS')) return { kind: 'exists', path: parseObjectPath(stream), negated: negatedExists };
  const path = parseObjectPath(stream);
  const negated = stream.accept('NOT');
  const opToken = stream.peek();
  const op = opToken.text;
  const isOperator = (opToken.kind === 'operator' && op !== '') || (opToken.kind === 'keyword' && (op === 'IN' || STRING_OPS.has(op)));
  if (!isOperator) stream.fail(opToken, `expected a comparison operator after ${path.text}`);
  stream.next();
  const operator = op as ComparisonOperator;
  if (operator === 'IN') return { kind: 'comparison', path, operator, negated, values: parseSet(stream) };
  const value = parseLiteral(stream, `a constant after ${operator}`);
  if (ORDER_OPS.has(operator) && value.kind === 'bool') {
    throw new PatternSyntaxError(value.position, `${operator} needs an orderable constant, not a boolean`, stream.text);
  }
  if (STRING_OPS.has(operator)) checkStringOperand(operator, value, stream.text);
  return { kind: 'comparison', path, operator, negated, values: [value] };
}

function checkStringOperand(operator: string, value: Literal, text: string): void {
  if (value.kind !== 'string') throw new PatternSyntaxError(value.position, `${operator} needs a string constant`, text);
  if (operator === 'MATCHES') {
    const compiled = compileRegex(value.value);
    if (typeof compiled === 'string') throw new PatternSyntaxError(value.position, compiled, text);
  }
  if ((operator === 'ISSUBSET' || operator === 'ISSUPERSET') && !parseNetwork(value.value)) {
    throw new PatternSyntaxError(value.position, `${operator} needs an IPv4 or IPv6 address or CIDR block`, text);
  }
}

function parseSet(stream: TokenStream): Literal[] {
  stream.expect('(', "'(' to open the set after IN");
  const values: Literal[] = [];
  if (stream.accept(')')) return values;
  do values.push(parseLiteral(stream, 'a constant in the set'));
  while (stream.accept(','));
  stream.expect(')', "',' or ')' in the set");
  return values;
}

/** objectPath: `type:first(.key | .'key' | [n] | [*])*`. */
export function parseObjectPath(stream: TokenStream): ObjectPath {
  const typeToken = stream.peek();
  if (typeToken.kind !== 'identifier') stream.fail(typeToken, 'expected an object path such as file:name');
  stream.next();
  stream.expect(':', `':' after the object type '${typeToken.text}'`);
  const steps: PathStep[] = [{ kind: 'key', key: readKey(stream) }];
  for (;;) {
    if (stream.accept('.')) steps.push({ kind: 'key', key: readKey(stream) });
    else if (stream.peek().text === '[' && stream.peek().kind === 'punct') {
      stream.next();
      const token = stream.next();
      if (token.kind === 'int') steps.push({ kind: 'index', index: Number(token.text) });
      else if (token.text === '*' && token.kind === 'punct') steps.push({ kind: 'index', index: '*' });
      else stream.fail(token, "expected a list index (an integer or '*')");
      stream.expect(']', "']' after the list index");
    } else break;
  }
  const end = stream.peek().position;
  const text = stream.text.slice(typeToken.position, end).trim();
  return { objectType: typeToken.text, steps, text, position: typeToken.position };
}

function readKey(stream: TokenStream): string {
  const token = stream.peek();
  if (token.kind === 'string') return stream.next().text;
  if (token.kind === 'identifier' && !token.text.includes('-')) return stream.next().text;
  if (token.kind === 'identifier') stream.fail(token, 'expected a property name (quote names that contain hyphens)');
  return stream.fail(token, 'expected a property name');
}
