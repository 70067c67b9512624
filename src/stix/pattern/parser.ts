// Recursive descent over STIXPattern.g4. Observation operators bind AND > OR > FOLLOWEDBY (§9.5, table of
// precedence), all left-associative; qualifiers bind to the observation expression just before them.
import type { ObservationExpression, Pattern, Qualifier } from './ast.ts';
import { tokenize } from './lexer.ts';
import { objectTypesOf, parseComparisonOr } from './parse-comparison.ts';
import { PatternSyntaxError } from './pattern-syntax-error.ts';
import { parseInstant } from './timestamp.ts';
import { MAX_NESTING, TokenStream } from './token-stream.ts';

/** Parses a STIX 2.1 pattern into its syntax tree; throws PatternSyntaxError with the offset of the fault. */
export function parsePattern(text: string): Pattern {
  const stream = new TokenStream(tokenize(text), text);
  const root = parseFollowedBy(stream);
  const rest = stream.peek();
  if (rest.kind !== 'eof') stream.fail(rest, 'expected AND, OR, FOLLOWEDBY, a qualifier or end of pattern');
  return { text, root };
}

/** The outcome of checking a pattern without keeping its tree. */
export type PatternCheck = { ok: true } | { ok: false; position: number; message: string };

/** Checks a pattern; on failure gives the 0-based offset and a message such as `at 14: expected ']' …`. */
export function checkPattern(text: string): PatternCheck {
  try {
    parsePattern(text);
    return { ok: true };
  } catch (error) {
    if (error instanceof PatternSyntaxError) return { ok: false, position: error.position, message: error.message };
    throw error;
  }
}

function parseFollowedBy(stream: TokenStream): ObservationExpression {
  const operands = [parseOr(stream)];
  while (stream.accept('FOLLOWEDBY')) operands.push(parseOr(stream));
  return operands.length === 1 ? operands[0] : { kind: 'followedBy', operands };
}

function parseOr(stream: TokenStream): ObservationExpression {
  const operands = [parseAnd(stream)];
  while (stream.accept('OR')) operands.push(parseAnd(stream));
  return operands.length === 1 ? operands[0] : { kind: 'or', operands };
}

function parseAnd(stream: TokenStream): ObservationExpression {
  const operands = [parseQualified(stream)];
  while (stream.accept('AND')) operands.push(parseQualified(stream));
  return operands.length === 1 ? operands[0] : { kind: 'and', operands };
}

function parseQualified(stream: TokenStream): ObservationExpression {
  let expression = parsePrimary(stream);
  let stacked = 0;
  for (let at = stream.peek(), qualifier = parseQualifier(stream); qualifier; at = stream.peek(), qualifier = parseQualifier(stream)) {
    // Each qualifier nests the tree one level; bound it like parentheses.
    if (++stacked > MAX_NESTING) throw new PatternSyntaxError(at.position, `more than ${MAX_NESTING} stacked qualifiers`, stream.text);
    expression = { kind: 'qualified', expression, qualifier };
  }
  return expression;
}

function parsePrimary(stream: TokenStream): ObservationExpression {
  if (stream.accept('[')) {
    const expression = parseComparisonOr(stream);
    stream.expect(']', "']' after comparison expression");
    return { kind: 'observation', expression, objectTypes: [...objectTypesOf(expression)] };
  }
  const open = stream.peek();
  if (stream.accept('(')) {
    stream.nest(open);
    const inner = parseFollowedBy(stream);
    stream.expect(')', "')' to close the parenthesised observation expression");
    stream.unnest();
    return inner;
  }
  return stream.fail(stream.peek(), "expected '[' to start an observation expression or '('");
}

function parseQualifier(stream: TokenStream): Qualifier | undefined {
  if (stream.accept('WITHIN')) {
    const token = stream.next();
    const seconds = Number(token.text);
    if ((token.kind !== 'int' && token.kind !== 'float') || !(seconds > 0)) {
      stream.fail(token, 'expected a positive number of seconds after WITHIN');
    }
    stream.expect('SECONDS', "'SECONDS' after the WITHIN duration");
    return { kind: 'within', seconds };
  }
  if (stream.accept('REPEATS')) {
    const token = stream.next();
    const times = Number(token.text);
    if (token.kind !== 'int' || !(times > 0) || !Number.isSafeInteger(times)) {
      stream.fail(token, 'expected a positive integer after REPEATS');
    }
    stream.expect('TIMES', "'TIMES' after the REPEATS count");
    return { kind: 'repeats', times };
  }
  if (stream.accept('START')) {
    const [start, startMillis] = readTimestamp(stream, 'START');
    stream.expect('STOP', "'STOP' after the START timestamp");
    const stopToken = stream.peek();
    const [stop, stopMillis] = readTimestamp(stream, 'STOP');
    if (stopMillis <= startMillis) {
      throw new PatternSyntaxError(stopToken.position, 'the STOP timestamp must be later than START', stream.text);
    }
    return { kind: 'startStop', start, startMillis, stop, stopMillis };
  }
  return undefined;
}

function readTimestamp(stream: TokenStream, after: string): [string, number] {
  const token = stream.next();
  const instant = token.kind === 'timestamp' ? parseInstant(token.text, true) : undefined;
  if (!instant) stream.fail(token, `expected a timestamp t'YYYY-MM-DDTHH:MM:SSZ' after ${after}`);
  return [token.text, instant.millis];
}
