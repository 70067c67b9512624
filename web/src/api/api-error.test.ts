import { describe, expect, it } from 'vitest';
import { readApiError } from './api-error.ts';

describe('readApiError', () => {
  it('takes code and message from the contract error body', () => {
    const error = readApiError(403, '{"error":{"code":"TLP_VIOLATION","message":"TLP:RED may not be forwarded"}}');
    expect([error.status, error.code, error.message]).toEqual([403, 'TLP_VIOLATION', 'TLP:RED may not be forwarded']);
  });
  it('falls back to the status for other bodies', () => {
    expect(readApiError(502, '<html>Bad gateway</html>')).toMatchObject({ code: 'HTTP_502', message: 'The node answered HTTP 502.' });
    expect(readApiError(401, '')).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(readApiError(0, '')).toMatchObject({ code: 'UNAVAILABLE', message: 'The node cannot be reached.' });
  });
});
