import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonText } from '../../store/prepared-object.ts';
import { canonicalSpans } from './canonical-spans.ts';
import { checkEnvelope } from './check-envelope.ts';
import { parseInParts } from './parse-in-parts.ts';

const ATTACK = join(import.meta.dirname, '../../../../shared/stix/attack');

const identity = (n: number, name = `org ${n}`) => ({
  type: 'identity', spec_version: '2.1', id: `identity--7a1b2c3d-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
  created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name, identity_class: 'organization',
});

/** parseInParts of a body, or undefined when the scanner already gave up. */
function inParts(body: string): unknown[] | undefined {
  const bytes = Buffer.from(body);
  const spans = canonicalSpans(bytes);
  return spans && parseInParts(bytes, spans);
}

describe('parseInParts', () => {
  it('gives what JSON.parse of the whole body gives, compact or not, over several parts', () => {
    const objects = readdirSync(ATTACK).filter((f) => f.endsWith('.json'))
      .flatMap((file) => (JSON.parse(readFileSync(join(ATTACK, file), 'utf8')) as { objects: unknown[] }).objects).slice(0, 3000);
    expect(objects).toHaveLength(3000);
    for (const body of [
      JSON.stringify({ objects }),
      JSON.stringify({ more: false, objects, next: 'x' }, null, 2),
      ` {\n"objects" :\t[ ${objects.map((o) => JSON.stringify(o)).join(' ,\n')} ] , "z" : [1, {"objects": []}] } `,
    ]) {
      expect(Buffer.byteLength(body)).toBeGreaterThan(4 * 64 * 1024);
      expect(inParts(body)).toEqual((JSON.parse(body) as { objects: unknown[] }).objects);
    }
    expect(inParts('{"objects":[]}')).toEqual([]);
    expect(inParts('{"objects":[ \n ]}')).toEqual([]);
    expect(inParts('{"objects":[1,"two",null,[3],{"four":4}]}')).toEqual([1, 'two', null, [3], { four: 4 }]);
  });

  it('gives up on every body that is not JSON, so that the whole parse reports it', () => {
    const a = JSON.stringify(identity(1));
    const b = JSON.stringify(identity(2));
    for (const body of [
      `{"objects":[${a} ${b}]}`, `{"objects":[${a},,${b}]}`, `{"objects":[,${a}]}`, `{"objects":[${a},]}`, '{"objects":[,]}',
      `{"objects":[${a}]`, `{"objects":[${a}]}}`, `{"objects":[${a}]} {}`, `{"objects":[${a}],}`, `{"objects":[${a.slice(0, -1)}]}`,
      `{"objects":[${a}}]}`, `{"objects":[${a}],"more":tru}`, `{objects:[${a}]}`, `{"objects":[${a}]`.replace('{', '['),
      // A list closed by the wrong bracket: every piece around it would parse on its own.
      '{"objects":[1}}', `{"objects":[${a}}}`, `{"objects":[${a},${b}}}`,
    ]) {
      expect(() => JSON.parse(body), body).toThrow();
      expect(inParts(body), body).toBeUndefined();
    }
  });

  it('never accepts what JSON.parse refuses, nor gives other values, over 8,000 seeded mutations of an envelope', () => {
    let seed = 20261205;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const base = `{"more":false,"objects":[${JSON.stringify(identity(8))}, [1,{"a":"x\\\\"}], "s", 2],"z":{"objects":[3]}}`;
    expect(() => JSON.parse(base)).not.toThrow();
    const alphabet = '{}[],:" \\01ab';
    let parsed = 0;
    let refused = 0;
    for (let i = 0; i < 8000; i++) {
      let body = base;
      for (let edits = 1 + next(3); edits > 0; edits--) {
        // Half the edits fall on a structural character, where the scanner and JSON.parse could disagree.
        const structural: number[] = [];
        for (let k = 0; k < body.length; k++) if ('{}[],:"'.includes(body[k]!)) structural.push(k);
        const at = next(2) === 0 ? structural[next(structural.length)]! : next(body.length);
        const ch = alphabet[next(alphabet.length)]!;
        // Every other body gets whitespace only, which keeps most of them JSON; the others any edit at all.
        const kind = i % 2 === 0 ? 3 + next(3) : next(6);
        body = kind === 0 ? body.slice(0, at) + ch + body.slice(at) : kind === 1 ? body.slice(0, at) + body.slice(at + 1)
          : kind === 2 ? body.slice(0, at) + ch + body.slice(at + 1) : body.slice(0, at) + ' \n\t'[kind - 3] + body.slice(at);
      }
      let whole: unknown;
      try {
        whole = (JSON.parse(body) as { objects?: unknown }).objects;
      } catch {
        expect(inParts(body), body).toBeUndefined();
        refused++;
        continue;
      }
      const result = inParts(body);
      if (result !== undefined) {
        parsed++;
        expect(result, body).toEqual(whole);
      }
    }
    // Both sides are exercised: bodies JSON refuses, and bodies taken in parts.
    expect(refused).toBeGreaterThan(1600);
    expect(parsed).toBeGreaterThan(400);
  });

  it('checks what JSON.parse of the whole body holds, even when an escaped key repeats `objects`', () => {
    // JSON.parse keeps the last `objects`: here the escaped one. Same key counts, so a misaligned scan would store
    // the first list's text under the second list's checked object.
    const other = identity(3, 'x');
    const body = `{"objects":[${JSON.stringify(identity(4, 'y'))}],"obj\\u0065cts":[${JSON.stringify(other)}]}`;
    const checked = checkEnvelope(new Uint8Array(Buffer.from(body)));
    expect(checked.valid.map((o) => [o.id, jsonText(o.json)])).toEqual([[other.id, JSON.stringify(other)]]);
  });

  it('gives checkEnvelope the same result from bytes as from text, and the same errors', () => {
    const body = `{"objects":[${JSON.stringify(identity(5))}, {"type":"identity","id":"nope"}, ${JSON.stringify(identity(6), null, 1)}]}`;
    const fromBytes = checkEnvelope(new Uint8Array(Buffer.from(body)));
    expect({ ...fromBytes, valid: fromBytes.valid.map((o) => ({ ...o, json: jsonText(o.json) })) }).toEqual(checkEnvelope(body));
    expect(fromBytes.valid).toHaveLength(2);
    for (const bad of ['{"objects":[1 2]}', '{"objects":{}}', '{"objects":[1],"objects":"x"}', '{"objects":[1}}', `{"objects":[${JSON.stringify(identity(7))}}}`]) {
      let fromText: unknown;
      try { checkEnvelope(bad); } catch (error) { fromText = error; }
      expect(fromText, bad).toBeDefined();
      expect(() => checkEnvelope(new Uint8Array(Buffer.from(bad)))).toThrow(fromText as Error);
    }
  });
});
