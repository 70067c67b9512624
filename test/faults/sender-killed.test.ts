import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultCluster } from './fault-harness.ts';

// (ii) kill -9 of the sender in the middle of sending a batch: after restart nothing is lost, nothing applied twice.
const cluster = new FaultCluster();
beforeAll(() => cluster.setUp(), 120_000);
afterAll(() => cluster.tearDown(), 60_000);

describe('fault (ii): sender killed mid-batch', () => {
  it('delivers every message CERT-Arden stored as sent exactly once after it is SIGKILLed and restarted', async () => {
    const accepted: string[] = [];
    const batch = Array.from({ length: 24 }, (_, i) => i);
    let killed = false;
    // Two counterparts, sent concurrently in pairs; the kill lands while requests and deliveries are in flight.
    const sending = (async () => {
      for (let i = 0; i < batch.length; i += 2) {
        const results = await Promise.allSettled([
          cluster.consult('arden', 'borduria', `Batch ${i}`),
          cluster.consult('arden', 'lumen', `Batch ${i + 1}`),
        ]);
        for (const r of results) if (r.status === 'fulfilled') accepted.push(r.value.message.id);
        if (results.some((r) => r.status === 'rejected')) return;
      }
    })();
    await cluster.until('a third of the batch accepted', async () => accepted.length >= 8, 60_000);
    await cluster.proc('arden').kill();
    killed = true;
    await sending;
    expect(killed).toBe(true);
    expect(accepted.length).toBeLessThan(batch.length);

    await cluster.start('arden');
    const { sent } = await cluster.held('arden');
    // Whatever the API confirmed was stored; what was stored is what must arrive (possibly one more than confirmed).
    for (const id of accepted) expect(sent).toContain(id);
    await cluster.until('every stored message delivered', async () => {
      const [b, l] = [await cluster.held('borduria'), await cluster.held('lumen')];
      return b.received.length + l.received.length >= sent.length;
    }, 90_000);
    const [b, l] = [await cluster.held('borduria'), await cluster.held('lumen')];
    const received = [...b.received, ...l.received].map((m) => m.id);
    expect(received.sort()).toEqual([...sent].sort());
    for (const id of sent) expect((b.receivedLog.get(id) ?? 0) + (l.receivedLog.get(id) ?? 0)).toBe(1);
    await cluster.until('receipts back at CERT-Arden', async () => (await cluster.held('arden')).receipts.size >= sent.length, 60_000);
    for (const key of ['arden', 'borduria', 'lumen'] as const) expect((await cluster.verify(key)).status).toBe(0);
  }, 240_000);
});
