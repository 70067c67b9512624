import { describe, expect, it } from 'vitest';
import { decodeLogEntry, encodeLogEntry, logEntryProblem, objectDigest, type LogEntry } from './log-entry.ts';

const entry: LogEntry = {
  index: 4,
  kind: 'agreement',
  object_id: 'x-parley-agreement--7c2a4d6e-1f0b-4c3a-9e8d-5b6a7c8d9e0f',
  object_modified: '2026-11-23T09:00:00.000Z',
  digest: objectDigest({ b: 2, a: 1 }),
  logged_at: '2026-11-23T10:00:00.000Z',
  detail: { z: 1, a: 'first' },
};

describe('log entries', () => {
  it('digests the canonical JSON of an object whatever its key order', () => {
    expect(objectDigest({ a: 1, b: 2 })).toBe(objectDigest({ b: 2, a: 1 }));
    expect(objectDigest({ a: 1 })).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });
  it('encodes as RFC 8785 canonical JSON and decodes back', () => {
    const bytes = encodeLogEntry(entry);
    expect(bytes.toString()).toMatch(/^\{"detail":\{"a":"first","z":1\},"digest":"[0-9a-f]{64}","index":4,"kind":"agreement"/);
    expect(decodeLogEntry(bytes)).toEqual({ entry });
  });
  it('reports any stored edit that is not canonical, not JSON or not an entry', () => {
    const text = encodeLogEntry(entry).toString();
    expect(decodeLogEntry(Buffer.from(text.replace('{"detail"', '{ "detail"')))).toEqual({ problem: 'not in RFC 8785 canonical form' });
    expect(decodeLogEntry(Buffer.from(text.slice(0, -1)))).toEqual({ problem: 'not JSON' });
    expect(decodeLogEntry(Buffer.from([0xff, 0xfe]))).toEqual({ problem: 'not UTF-8' });
    expect(decodeLogEntry(Buffer.from(text.replace('"agreement"', '"gossip"')))).toEqual({ problem: 'unknown kind "gossip"' });
  });
  it('names the first problem of a malformed entry and refuses to encode it', () => {
    expect(logEntryProblem({ ...entry, index: -1 })).toBe('index is not a non-negative integer');
    expect(logEntryProblem({ ...entry, logged_at: 'yesterday' })).toBe('logged_at is not an RFC 3339 time');
    expect(logEntryProblem({ ...entry, extra: 1 })).toBe('unknown property "extra"');
    expect(logEntryProblem({ ...entry, detail: { blob: 'x'.repeat(5000) } })).toBe('detail is over 4096 bytes');
    expect(() => encodeLogEntry({ ...entry, digest: 'ABC' })).toThrow('log entry: digest is not a lower-case hex SHA-256');
  });
});
