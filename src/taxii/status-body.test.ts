import { describe, expect, it } from 'vitest';
import type { TaxiiStatus } from '../store/status-store.ts';
import { statusBody } from './status-body.ts';

describe('statusBody', () => {
  it('gives the text JSON.stringify gives for the whole status, escapes and non-ASCII included', () => {
    const successes = [{ id: 'indicator--1', version: '2024-01-01T00:00:00.000Z' }, { id: 'tool--2', version: '2024-01-01T00:00:00Z' }];
    const status: TaxiiStatus = {
      id: 'b5c8f1e2-0000-4000-8000-000000000001', status: 'complete', request_timestamp: '2026-12-05T05:00:00.000Z',
      total_count: 3, success_count: 2, successes, failure_count: 1,
      failures: [{ id: 'malware--3', version: '', message: '$.name: "successes":[] — ünïcode \\ "quoted"' }], pending_count: 0, pendings: [],
    };
    const body = statusBody({ ...status, successes: [] }, new TextEncoder().encode(JSON.stringify(successes)));
    expect(body.toString('utf8')).toBe(JSON.stringify(status));
  });

  it('keeps an empty list empty', () => {
    const status: TaxiiStatus = {
      id: 'x', status: 'complete', request_timestamp: 't', total_count: 0, success_count: 0, successes: [],
      failure_count: 0, failures: [], pending_count: 0, pendings: [],
    };
    expect(JSON.parse(statusBody(status, Buffer.from('[]')).toString('utf8'))).toEqual(status);
  });
});
