import { describe, expect, it } from 'vitest';
import type { Delivery } from '../store/outbox-store.ts';
import { OUTBOX_HEADER, outboxLine, parseDeliveryState } from './outbox-table.ts';

const base: Delivery = { seq: 1, messageId: 'x-parley-message--1', messageModified: '2026-03-01T10:00:00.000Z', threadId: 'x-parley-message--1',
  recipient: 'identity--b', state: 'queued', enqueuedAt: '2026-03-01T10:00:00.000Z', attempts: 0, nextAttemptAt: '2026-03-01T10:00:00.000Z' };

describe('parley outbox lines', () => {
  it('prints the header and one tab-separated line per delivery, with - for empty fields', () => {
    expect(OUTBOX_HEADER).toBe('STATE\tMESSAGE\tRECIPIENT\tATTEMPTS\tLAST ERROR\tNEXT ATTEMPT');
    expect(outboxLine(base)).toBe('queued\tx-parley-message--1\tidentity--b\t0\t-\t2026-03-01T10:00:00.000Z');
    expect(outboxLine({ ...base, state: 'failing', attempts: 3, lastError: 'cannot reach\thttp://b/\nrefused' }))
      .toBe('failing\tx-parley-message--1\tidentity--b\t3\tcannot reach http://b/ refused\t2026-03-01T10:00:00.000Z');
    expect(outboxLine({ ...base, state: 'rejected', attempts: 1, rejectCode: 'TLP_VIOLATION', rejectReason: 'red', nextAttemptAt: undefined }))
      .toBe('rejected\tx-parley-message--1\tidentity--b\t1\tTLP_VIOLATION: red\t-');
  });

  it('accepts the six states for --state and names them on a typo', () => {
    expect(parseDeliveryState('given-up')).toBe('given-up');
    expect(() => parseDeliveryState('failed')).toThrow('unknown delivery state "failed" (expected one of queued, failing, delivered, given-up, rejected, published)');
  });
});
