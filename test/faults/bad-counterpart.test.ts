import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyExtension, type Party } from '../../src/hotline/party.ts';
import { openNodeStore } from '../../src/node/parley-node.ts';
import { startBadCounterpart, type BadBehaviour, type BadCounterpart } from './bad-counterpart.ts';
import { FaultCluster } from './fault-harness.ts';

// (iv) A counterpart that answers slowly or with errors (hangs, 500s, garbage, resets) must not hold up delivery
// to the others.
const cluster = new FaultCluster();
let bad: BadCounterpart;
const CYCLE: BadBehaviour[] = ['hang', 'error-500', 'garbage', 'slow-500', 'reset'];

beforeAll(async () => {
  await cluster.setUp();
  bad = await startBadCounterpart((n) => CYCLE[n % CYCLE.length]!);
  // CERT-Arden's copy of Lumen Systems' party record now points at the bad server.
  await cluster.proc('arden').stop();
  const store = await openNodeStore(cluster.dataDir('arden'));
  try {
    const lumen = (await store.hotline.getParty(cluster.party('lumen')))!;
    const ext = partyExtension(lumen);
    const moved = JSON.parse(JSON.stringify(lumen)) as Party;
    for (const value of Object.values(moved.extensions)) {
      if ((value as { taxii?: unknown }).taxii) (value as { taxii: typeof ext.taxii }).taxii = { ...ext.taxii, api_root: `${bad.url}/taxii2/parley/` };
    }
    moved.modified = new Date(Date.parse(lumen.modified) + 1000).toISOString();
    await store.hotline.putParty(moved, { own: false });
  } finally {
    await store.close();
  }
  await cluster.start('arden');
}, 180_000);

afterAll(async () => {
  await bad?.close();
  await cluster.tearDown();
}, 60_000);

describe('fault (iv): a bad counterpart', () => {
  it('keeps delivering to CERT-Borduria while Lumen Systems\' address hangs, fails and answers garbage', async () => {
    const toBad: string[] = [];
    const toGood: string[] = [];
    for (let i = 0; i < 6; i++) {
      toBad.push((await cluster.consult('arden', 'lumen', `To the bad counterpart ${i}`)).message.id);
      toGood.push((await cluster.consult('arden', 'borduria', `To the good counterpart ${i}`)).message.id);
    }
    const started = Date.now();
    await cluster.until('all six at CERT-Borduria', async () => (await cluster.held('borduria')).received.length >= toGood.length, 45_000);
    // Well inside the 30 s attempt timeout the hanging counterpart holds its slot for.
    expect(Date.now() - started).toBeLessThan(25_000);
    const good = await cluster.held('borduria');
    expect(good.received.map((m) => m.id).sort()).toEqual([...toGood].sort());
    await cluster.until('the bad counterpart tried again', async () => bad.requests.length >= 2, 30_000);
    expect(bad.requests.every((r) => r.startsWith('POST /taxii2/parley/collections/'))).toBe(true);
    const arden = await cluster.held('arden');
    for (const id of toGood) expect(arden.receipts.has(`${id}/${cluster.party('borduria')}`)).toBe(true);
    for (const id of toBad) expect(arden.receipts.has(`${id}/${cluster.party('lumen')}`)).toBe(false);
    expect((await cluster.held('lumen')).received).toEqual([]);
    // A good counterpart sent to after the bad one started failing is not held up either.
    const late = await cluster.consult('arden', 'borduria', 'Late message to the good counterpart');
    await cluster.until('the late message at CERT-Borduria', async () => (await cluster.held('borduria')).received.some((m) => m.id === late.message.id), 15_000);
  }, 180_000);
});
