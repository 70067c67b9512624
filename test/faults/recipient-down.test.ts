import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultCluster } from './fault-harness.ts';

// (i) The recipient is down for a while and comes back: every message arrives once, in thread order.
const cluster = new FaultCluster();
beforeAll(() => cluster.setUp(), 120_000);
afterAll(() => cluster.tearDown(), 60_000);

describe('fault (i): recipient down, then back', () => {
  it('queues while CERT-Borduria is down and delivers everything once, in order, when it returns', async () => {
    expect(await cluster.proc('borduria').stop()).toBe(0);
    const sent: { id: string; thread: string }[] = [];
    for (let t = 0; t < 3; t++) {
      const first = await cluster.consult('arden', 'borduria', `Thread ${t} while down`);
      sent.push({ id: first.message.id, thread: first.message.thread_id });
      let previous = first.message.id;
      for (let k = 1; k < 3; k++) {
        const next = await cluster.consult('arden', 'borduria', `Thread ${t} follow-up ${k}`, previous);
        sent.push({ id: next.message.id, thread: next.message.thread_id });
        previous = next.message.id;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // a few failed attempts pile up
    await cluster.start('borduria');
    await cluster.until('all 9 messages at CERT-Borduria', async () => (await cluster.held('borduria')).received.length >= sent.length, 90_000);
    const held = await cluster.held('borduria');
    expect(held.received.map((m) => m.id).sort()).toEqual(sent.map((m) => m.id).sort());
    for (const { id } of sent) expect(held.receivedLog.get(id)).toBe(1);
    for (const thread of new Set(sent.map((m) => m.thread))) {
      const arrived = held.received.filter((m) => m.threadId === thread).map((m) => m.id);
      expect(arrived).toEqual(sent.filter((m) => m.thread === thread).map((m) => m.id));
    }
    await cluster.until('receipts back at CERT-Arden', async () => (await cluster.held('arden')).receipts.size >= sent.length, 60_000);
    expect((await cluster.verify('arden')).status).toBe(0);
    expect((await cluster.verify('borduria')).status).toBe(0);
  }, 180_000);
});
