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
