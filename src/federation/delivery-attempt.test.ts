import { describe, expect, it } from 'vitest';
import { testParty } from '../hotline/test-fixtures.ts';
import { deliverWithin } from './delivery-attempt.ts';
import type { DeliveryTarget } from './delivery-transport.ts';
import { threadOf } from './test-counterpart.ts';

const target: DeliveryTarget = { partyId: 'identity--b', apiRoot: 'http://127.0.0.1:9/api1/', inboxCollection: 'inbox', credentials: { kind: 'bearer', token: 't' } };
const [message] = threadOf(testParty('CERT-A'), [testParty('CERT-B').party.id], 1);

describe('deliverWithin', () => {
  it('ends an attempt whose transport ignores the abort signal', async () => {
    const never = { deliver: () => new Promise<never>(() => undefined) };
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('no answer within 50 ms')), 50);
    const started = Date.now();
    expect(await deliverWithin(never, target, { message, evidence: [] }, controller.signal))
      .toEqual({ outcome: 'failed', reason: 'no answer within 50 ms', retryable: true });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('turns a throwing transport into a retryable failure and passes other outcomes through', async () => {
    const throwing = { deliver: async () => { throw new Error('socket hang up'); } };
    expect(await deliverWithin(throwing, target, { message, evidence: [] }, new AbortController().signal))
      .toEqual({ outcome: 'failed', reason: 'socket hang up', retryable: true });
    const refusing = { deliver: async () => ({ outcome: 'rejected' as const, code: 'FORBIDDEN', reason: 'no' }) };
    expect(await deliverWithin(refusing, target, { message, evidence: [] }, new AbortController().signal))
      .toEqual({ outcome: 'rejected', code: 'FORBIDDEN', reason: 'no' });
  });
});
