import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultCluster } from './fault-harness.ts';

// (iii) kill -9 of the recipient between storing and answering (PARLEY_FAULT=die-after-store, a test-only hook):
// the sender's retry is recognised as a duplicate and answered with the original receipt, not applied twice.
const cluster = new FaultCluster();
beforeAll(() => cluster.setUp(), 120_000);
afterAll(() => cluster.tearDown(), 60_000);

describe('fault (iii): recipient dies after storing, before answering', () => {
  it('holds the message once and the sender ends with a receipt', async () => {
    await cluster.proc('borduria').stop();
    const dying = await cluster.start('borduria', { PARLEY_FAULT: 'die-after-store' });
    const sent = await cluster.consult('arden', 'borduria', 'Stored, then the node died');
    const exit = await Promise.race([dying.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 30_000))]);
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    const afterCrash = await cluster.held('borduria');
    expect(afterCrash.received.map((m) => m.id)).toEqual([sent.message.id]);
    expect((await cluster.held('arden')).receipts.size).toBe(0);

    await cluster.start('borduria');
    await cluster.until('the receipt back at CERT-Arden', async () => (await cluster.held('arden')).receipts.size === 1, 60_000);
    const held = await cluster.held('borduria');
    expect(held.received.map((m) => m.id)).toEqual([sent.message.id]);
    expect(held.receivedLog.get(sent.message.id)).toBe(1);
    expect((await cluster.verify('arden')).status).toBe(0);
    expect((await cluster.verify('borduria')).status).toBe(0);
  }, 180_000);
});
