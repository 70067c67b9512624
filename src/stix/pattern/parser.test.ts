import { describe, expect, it } from 'vitest';
import type { ComparisonExpression, ObservationExpression } from './ast.ts';
import { checkPattern, parsePattern } from './parser.ts';
import { PatternSyntaxError } from './pattern-syntax-error.ts';

/** A compact rendering of the tree, so precedence shows as parentheses. */
function show(e: ObservationExpression): string {
  switch (e.kind) {
    case 'observation':
      return `[${showC(e.expression)}]`;
    case 'qualified': {
      const q = e.qualifier;
      const text = q.kind === 'within' ? `WITHIN ${q.seconds}` : q.kind === 'repeats' ? `REPEATS ${q.times}` : `START ${q.start} STOP ${q.stop}`;
      return `(${show(e.expression)} ${text})`;
    }
    default:
      return `(${e.operands.map(show).join(` ${e.kind} `)})`;
  }
}

function showC(e: ComparisonExpression): string {
  switch (e.kind) {
    case 'comparison':
      return `${e.path.objectType}:${JSON.stringify(e.path.steps)} ${e.negated ? 'NOT ' : ''}${e.operator} ${e.values.map((v) => v.kind).join(',')}`;
    case 'exists':
      return `${e.negated ? 'NOT ' : ''}EXISTS ${e.path.text}`;
    default:
      return `(${e.operands.map(showC).join(` ${e.kind} `)})`;
  }
}

function errorAt(text: string): { position: number; message: string } {
  const result = checkPattern(text);
  if (result.ok) throw new Error(`expected ${text} to be invalid`);
  return result;
}

describe('parsePattern: comparison operators', () => {
  const cases: [string, string][] = [
    ["[a:b = 'x']", '='], ["[a:b == 'x']", '='], ["[a:b != 1]", '!='], ["[a:b <> 1]", '!='],
    ['[a:b < 1]', '<'], ['[a:b <= 1.5]', '<='], ['[a:b > -2]', '>'], ['[a:b >= +3]', '>='],
    ["[a:b IN ('x', 1, true)]", 'IN'], ["[a:b LIKE 'x%']", 'LIKE'], ["[a:b MATCHES '^x+$']", 'MATCHES'],
    ["[a:b ISSUBSET '10.0.0.0/8']", 'ISSUBSET'], ["[a:b ISSUPERSET '::1']", 'ISSUPERSET'],
  ];
  for (const [text, op] of cases) {
    it(`parses ${text}`, () => {
      const root = parsePattern(text).root;
      expect(root.kind).toBe('observation');
      if (root.kind === 'observation' && root.expression.kind === 'comparison') {
        expect(root.expression.operator).toBe(op);
        expect(root.expression.negated).toBe(false);
      } else throw new Error('not a comparison');
    });
  }

  it('takes NOT before every operator and before EXISTS', () => {
    for (const op of ['=', '!=', '<', '<=', '>', '>=', "LIKE 'a'", "MATCHES 'a'", "ISSUBSET '1.2.3.4'", "ISSUPERSET '1.2.3.4'"]) {
      const text = op.includes("'") ? `[a:b NOT ${op}]` : `[a:b NOT ${op} 1]`;
      expect(show(parsePattern(text).root)).toContain('NOT ');
    }
    expect(show(parsePattern("[a:b NOT IN ('x')]").root)).toContain('NOT IN');
    expect(show(parsePattern('[EXISTS a:b]').root)).toBe('[EXISTS a:b]');
    expect(show(parsePattern('[NOT EXISTS a:b]').root)).toBe('[NOT EXISTS a:b]');
  });

  it('reads every constant form', () => {
    const text = "[a:b IN ('it''s', 'q\\'s', 'back\\\\', 1, -2, 1.5, -0.5, 1e3, true, false, h'0aFF', b'AAEC', t'2026-01-01T00:00:00.123Z')]";
    expect(checkPattern(text).ok).toBe(false); // '' is not an escape in STIX
    const ok = text.replace("'it''s', ", '');
    const root = parsePattern(ok).root;
    if (root.kind !== 'observation' || root.expression.kind !== 'comparison') throw new Error('shape');
    const values = root.expression.values;
    expect(values.map((v) => v.kind)).toEqual(['string', 'string', 'int', 'int', 'float', 'float', 'float', 'bool', 'bool', 'hex', 'binary', 'timestamp']);
    expect(values[0].value).toBe("q's");
    expect(values[1].value).toBe('back\\');
    expect(values[3].value).toBe(-2);
    expect(Array.from(values[9].value as Uint8Array)).toEqual([0x0a, 0xff]);
    expect(Array.from(values[10].value as Uint8Array)).toEqual([0, 1, 2]);
  });

  it('reads object paths with extensions, quoted keys, indices and refs', () => {
    const root = parsePattern("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0 AND file:x[0].'y z'[-1] = 1]").root;
    expect(show(root)).toBe(
      '[(file:[{"kind":"key","key":"extensions"},{"kind":"key","key":"windows-pebinary-ext"},{"kind":"key","key":"sections"},{"kind":"index","index":"*"},{"kind":"key","key":"entropy"}] > float and ' +
        'file:[{"kind":"key","key":"x"},{"kind":"index","index":0},{"kind":"key","key":"y z"},{"kind":"index","index":-1}] = int)]',
    );
    expect(parsePattern("[network-traffic:dst_ref.value = '1.2.3.4']").root.kind).toBe('observation');
    expect(parsePattern("[x-custom-type:'first'.second = 1]").root.kind).toBe('observation');
  });
});

describe('parsePattern: precedence and qualifiers', () => {
  it('binds AND tighter than OR in comparisons', () => {
    expect(show(parsePattern('[a:b = 1 OR a:c = 2 AND a:d = 3]').root)).toMatch(/^\[\(a:.* or \(a:.* and a:.*\)\)\]$/);
    expect(show(parsePattern('[(a:b = 1 OR a:c = 2) AND a:d = 3]').root)).toMatch(/^\[\(\(a:.* or a:.*\) and a:.*\)\]$/);
  });

  it('binds observation AND over OR over FOLLOWEDBY', () => {
    const brief = (e: ObservationExpression): string => {
      if (e.kind === 'observation') return e.expression.kind === 'comparison' ? e.expression.path.text.slice(2) : '?';
      if (e.kind === 'qualified') return brief(e.expression);
      return `(${e.operands.map(brief).join(` ${e.kind} `)})`;
    };
    const r = (t: string) => brief(parsePattern(t).root);
    expect(r('[a:a = 1] FOLLOWEDBY [a:b = 1] OR [a:c = 1] AND [a:d = 1]')).toBe('(a followedBy (b or (c and d)))');
    expect(r('[a:a = 1] AND [a:b = 1] OR [a:c = 1] FOLLOWEDBY [a:d = 1]')).toBe('(((a and b) or c) followedBy d)');
    expect(r('[a:a = 1] AND ([a:b = 1] OR [a:c = 1])')).toBe('(a and (b or c))');
  });

  it('binds qualifiers to the expression just before them and lets them stack', () => {
    const text = "[a:a = 1] AND [a:b = 1] WITHIN 5 SECONDS REPEATS 2 TIMES START t'2026-01-01T00:00:00Z' STOP t'2026-01-02T00:00:00Z'";
    const root = parsePattern(text).root;
    expect(root.kind).toBe('and');
    if (root.kind !== 'and') return;
    const q = root.operands[1];
    expect(q.kind === 'qualified' && q.qualifier.kind).toBe('startStop');
    expect(show(parsePattern('([a:a = 1] OR [a:b = 2]) WITHIN 1.5 SECONDS').root)).toMatch(/WITHIN 1.5\)$/);
  });

  it('allows different object types across OR but not across AND', () => {
    expect(checkPattern("[ipv4-addr:value = '1.2.3.4' OR domain-name:value = 'x.org']").ok).toBe(true);
    expect(errorAt("[ipv4-addr:value = '1.2.3.4' AND domain-name:value = 'x.org']")).toMatchObject({ position: 1 });
    expect(errorAt("[a:b = 1 AND (a:c = 2 OR z:d = 3)]").message).toMatch(/one object type/);
  });
});

describe('parse errors', () => {
  const cases: [string, number, RegExp][] = [
    ["[file:name = 'x'", 16, /expected '\]' after comparison expression/],
    ["file:name = 'x']", 0, /expected '\['/],
    ["[file:name 'x']", 11, /comparison operator/],
    ['[file:name = ]', 13, /constant/],
    ["[file = 'x']", 6, /':' after the object type/],
    ["[file:name = 'x] ", 13, /unterminated string/],
    ["[file:name = 'a\\n']", 15, /invalid escape/],
    ["[file:hashes.SHA-256 = 'x']", 13, /quote names that contain hyphens/],
    ["[a:b = 1] WITHIN 0 SECONDS", 17, /positive number of seconds/],
    ["[a:b = 1] WITHIN 5", 18, /'SECONDS'/],
    ['[a:b = 1] REPEATS 1.5 TIMES', 18, /positive integer/],
    ['[a:b = 1] REPEATS 0 TIMES', 18, /positive integer/],
    ["[a:b = 1] START t'2026-01-02T00:00:00Z' STOP t'2026-01-01T00:00:00Z'", 45, /STOP timestamp must be later/],
    ["[a:b = 1] START '2026' STOP t'2026-01-01T00:00:00Z'", 16, /expected a timestamp/],
    ["[a:b = h'abc']", 7, /malformed hex/],
    ["[a:b = b'AAE']", 7, /malformed binary/],
    ["[a:b = t'2026-02-30T00:00:00Z']", 7, /malformed timestamp/],
    ["[a:b = t'2026-01-01T00:00:00+01:00']", 7, /malformed timestamp/],
    ['[a:b < true]', 7, /orderable/],
    ['[a:b LIKE 1]', 10, /string constant/],
    ["[a:b MATCHES '(a)\\\\1']", 13, /backreferences/],
    ["[a:b MATCHES '(?=a)b']", 13, /lookaround/],
    ["[a:b ISSUBSET 'not-an-ip']", 14, /CIDR/],
    ["[a:b IN ('x' 'y')]", 13, /',' or '\)'/],
    ['[a:b = 1] [a:c = 2]', 10, /AND, OR, FOLLOWEDBY/],
    ['[a:b = 1] and [a:c = 2]', 10, /AND, OR, FOLLOWEDBY/],
    ['[a:b[x] = 1]', 5, /list index/],
    ['[a:b = 1] AND', 13, /expected '\['/],
    ['[a:b = 1 ^ 2]', 9, /unexpected character/],
    ['', 0, /expected '\['/],
  ];
  for (const [text, position, message] of cases) {
    it(`rejects ${JSON.stringify(text)} at ${position}`, () => {
      const result = errorAt(text);
      expect(result.position).toBe(position);
      expect(result.message).toMatch(message);
      expect(result.message.startsWith(`at ${position}: `)).toBe(true);
    });
  }

  it('refuses absurdly deep nesting with a syntax error instead of overflowing the stack', () => {
    const deep = '('.repeat(100_000) + '[a:b = 1]' + ')'.repeat(100_000);
    expect(errorAt(deep)).toMatchObject({ position: 200, message: expect.stringMatching(/nested deeper than 200/) });
    const inside = '[' + '('.repeat(5_000) + 'a:b = 1' + ')'.repeat(5_000) + ']';
    expect(errorAt(inside).message).toMatch(/nested deeper/);
    const fine = '('.repeat(150) + '[' + '('.repeat(40) + 'a:b = 1' + ')'.repeat(40) + ']' + ')'.repeat(150);
    expect(checkPattern(fine)).toEqual({ ok: true });
    expect(errorAt('[a:b = 1]' + ' REPEATS 2 TIMES'.repeat(300)).message).toMatch(/stacked qualifiers/);
  });

  it('throws PatternSyntaxError carrying the offset, line and column', () => {
    try {
      parsePattern("[a:b = 1]\nAND\n[a:c = 'x'");
      throw new Error('parsed');
    } catch (error) {
      expect(error).toBeInstanceOf(PatternSyntaxError);
      const e = error as PatternSyntaxError;
      expect([e.position, e.line, e.column]).toEqual([24, 3, 11]);
    }
  });
});
