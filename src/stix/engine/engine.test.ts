// The engine against SCO-shaped specs, as the SCO type modules declare them (src/stix/types/sco/).
import { describe, expect, it } from 'vitest';
import type { ExtensionSpec, ObjectTypeSpec } from '../spec/property-spec.ts';
import { atLeastOneOf } from '../spec/checks.ts';
import { hashes, optional, refs, required, string } from '../spec/property-types.ts';
import { registry } from '../types/index.ts';
import { compileSpec } from './compile-spec.ts';
import { ExtensionChecker } from './extensions.ts';
import { IssueSink } from './issue-sink.ts';

const file: ObjectTypeSpec = {
  type: 'file',
  category: 'sco',
  properties: { name: optional(string), hashes: optional(hashes) },
  // A type module may report a bare property name; the engine roots it at "$".
  checks: [atLeastOneOf('hashes', 'name'), (o, report) => void (o.name === 'bad' && report.error('name', 'bad name'))],
};
const archive: ExtensionSpec = { name: 'archive-ext', appliesTo: ['file'], properties: { contains_refs: required(refs('file', 'directory')), comment: optional(string) } };
const env = { categoryOf: registry.categoryOf };

function check(object: Record<string, unknown>): IssueSink {
  const sink = new IssueSink(String(object.id));
  const facts = new ExtensionChecker(new Map([[archive.name, archive]]), env).check('file', true, object.extensions, sink);
  compileSpec(file, env).checkProperties(object, sink, facts.toplevel);
  return sink;
}

describe('the engine with an SCO spec', () => {
  const base = { type: 'file', id: 'file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d', name: 'a.exe' };

  it('accepts a valid SCO with optional spec_version and a predefined extension', () => {
    const sink = check({ ...base, spec_version: '2.1', defanged: false, extensions: { 'archive-ext': { contains_refs: ['file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d'] } } });
    expect(sink.errors).toBeUndefined();
    expect(sink.warnings).toBeUndefined();
  });

  it('roots bare paths, checks extension properties and SCO common properties', () => {
    const sink = check({ ...base, name: 'bad', defanged: 'no', extensions: { 'archive-ext': { contains_refs: ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'] } } });
    expect(sink.errors?.map((e) => e.path)).toEqual(["$.extensions['archive-ext'].contains_refs[0]", '$.defanged', '$.name']);
  });

  it('reports a missing required extension property and the at-least-one rule', () => {
    const sink = check({ type: 'file', id: base.id, extensions: { 'archive-ext': { comment: 'x' } } });
    expect(sink.errors?.map((e) => e.path)).toEqual(["$.extensions['archive-ext'].contains_refs", '$']);
  });
});
