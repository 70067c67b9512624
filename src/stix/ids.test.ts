import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deterministicId, idName, isDeterministicIdType, isScoType, SCO_ID_NAMESPACE, uuidV5 } from './ids.ts';

const EXAMPLES = join(import.meta.dirname, '../../../shared/stix/oasis-examples/examples');
const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const V4 = /--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const V5 = /--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []);
}

function scosIn(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((v) => scosIn(v, found));
  else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if (typeof o.type === 'string' && typeof o.id === 'string' && isScoType(o.type)) found.push(o);
    Object.values(o).forEach((v) => scosIn(v, found));
  }
  return found;
}

/** The id computed by hand from a canonical string, to pin the pieces `deterministicId` assembles. */
const expected = (type: string, canonical: string) => `${type}--${uuidV5(SCO_ID_NAMESPACE, canonical)}`;

describe('uuidV5', () => {
  it('matches the published RFC 9562 and Python uuid examples', () => {
    expect(uuidV5(DNS_NAMESPACE, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5(DNS_NAMESPACE, 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });
});

describe('deterministicId', () => {
  it('reproduces every UUIDv5 SCO id in the OASIS examples and finds their UUIDv4 SCOs', () => {
    const scos = jsonFiles(EXAMPLES).flatMap((f) => scosIn(JSON.parse(readFileSync(f, 'utf8'))));
    // The shipped examples hold two SCOs (infrastructure.json), both with UUIDv4 ids chosen by their authors.
    expect(scos.length).toBeGreaterThanOrEqual(2);
    for (const sco of scos) {
      const id = sco.id as string;
      if (V5.test(id)) expect(deterministicId(sco), id).toBe(id);
      else expect(id).toMatch(V4);
    }
  });

  it('hashes the canonical JSON of the present contributing properties only', () => {
    const ip = { type: 'ipv4-addr', id: 'x', value: '198.51.100.3', resolves_to_refs: ['mac-addr--1'] };
    expect(idName(ip, ['value'])).toBe('{"value":"198.51.100.3"}');
    expect(deterministicId(ip)).toBe(expected('ipv4-addr', '{"value":"198.51.100.3"}'));
    expect(deterministicId(ip)).toMatch(V5);
    expect(deterministicId({ type: 'ipv4-addr', value: '198.51.100.3' })).toBe(deterministicId(ip));
    expect(deterministicId({ type: 'ipv4-addr', value: '198.51.100.4' })).not.toBe(deterministicId(ip));
  });

  it('orders keys canonically whatever the input order', () => {
    const a = { type: 'software', version: '2.0', name: 'Word', vendor: 'Microsoft' };
    const b = { vendor: 'Microsoft', name: 'Word', type: 'software', version: '2.0', languages: ['eng'] };
    expect(deterministicId(a)).toBe(expected('software', '{"name":"Word","vendor":"Microsoft","version":"2.0"}'));
    expect(deterministicId(b)).toBe(deterministicId(a));
  });

  it('keeps a single hash: MD5, then SHA-1, SHA-256, SHA-512, else the first listed', () => {
    const file = (hashes: Record<string, string>) => idName({ type: 'file', hashes }, ['hashes']);
    expect(file({ 'SHA-256': 'aa', 'SHA-1': 'bb', MD5: 'cc' })).toBe('{"hashes":{"MD5":"cc"}}');
    expect(file({ 'SHA-512': 'dd', 'SHA-256': 'aa', 'SHA-1': 'bb' })).toBe('{"hashes":{"SHA-1":"bb"}}');
    expect(file({ 'SHA-512': 'dd', 'SHA-256': 'aa' })).toBe('{"hashes":{"SHA-256":"aa"}}');
    expect(file({ SSDEEP: 'ee', 'SHA-512': 'dd' })).toBe('{"hashes":{"SHA-512":"dd"}}');
    expect(file({ TLSH: 'ff', SSDEEP: 'ee' })).toBe('{"hashes":{"TLSH":"ff"}}');
  });

  it('keeps nested extensions and references as they are, canonicalised deeply', () => {
    const sco = {
      type: 'file',
      name: 'a.zip',
      parent_directory_ref: 'directory--1f3b1a5c-3e5f-4b70-9a2d-2a6d6b1d7a10',
      extensions: { 'archive-ext': { contains_refs: ['file--b'], comment: 'x' }, 'ntfs-ext': { sid: 'S-1' } },
    };
    expect(deterministicId(sco)).toBe(expected('file',
      '{"extensions":{"archive-ext":{"comment":"x","contains_refs":["file--b"]},"ntfs-ext":{"sid":"S-1"}},' +
      '"name":"a.zip","parent_directory_ref":"directory--1f3b1a5c-3e5f-4b70-9a2d-2a6d6b1d7a10"}'));
  });

  it('hashes non-ASCII text as UTF-8 without escaping it', () => {
    const sco = { type: 'email-addr', value: 'zoë@exämple.org', display_name: 'Zoë 🛡' };
    expect(idName(sco, ['value'])).toBe('{"value":"zoë@exämple.org"}');
    expect(deterministicId(sco)).toBe(expected('email-addr', '{"value":"zoë@exämple.org"}'));
  });

  it('canonicalises numbers per RFC 8785', () => {
    expect(idName({ type: 'network-traffic', src_port: 443, protocols: ['tcp'] }, ['src_port', 'protocols']))
      .toBe('{"protocols":["tcp"],"src_port":443}');
    expect(idName({ type: 'autonomous-system', number: 1e21 }, ['number'])).toBe('{"number":1e+21}');
  });

  it('falls back to UUIDv4 without contributing properties, and for process', () => {
    expect(deterministicId({ type: 'process', pid: 4 })).toMatch(V4);
    expect(deterministicId({ type: 'file', size: 10 })).toMatch(V4);
    expect(deterministicId({ type: 'process', pid: 4 })).not.toBe(deterministicId({ type: 'process', pid: 4 }));
    expect(isDeterministicIdType('process')).toBe(false);
    expect(isDeterministicIdType('file')).toBe(true);
    expect(isDeterministicIdType('indicator')).toBe(false);
  });

  it('refuses objects that are not SCOs', () => {
    expect(() => deterministicId({ type: 'indicator' })).toThrow(/not a STIX 2.1 cyber-observable/);
    expect(() => deterministicId({ value: 'x' })).toThrow(/no "type"/);
  });
});
