import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testParty } from '../hotline/test-fixtures.ts';
import type { Message } from '../hotline/message.ts';
import { openSqliteDatabase, type SqliteDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import { outboxMigrations, SqliteOutboxStore } from '../store/sqlite/sqlite-outbox-store.ts';
import type { Delivery } from '../store/outbox-store.ts';
import type { TransportReceipt } from './delivery-transport.ts';
import { Outbox, type OutboxOptions } from './outbox.ts';
import { retryPolicy } from './retry-policy.ts';
import { Counterpart, httpTransport, threadOf } from './test-counterpart.ts';

const sender = testParty('CERT-A');

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Outbox over SQLite and real HTTP counterparts', () => {
  let dir: string;
  let db: SqliteDatabase;
  let store: SqliteOutboxStore;
  const counterparts: Counterpart[] = [];
  const outboxes: Outbox[] = [];

  const open = () => {
    db = openSqliteDatabase(join(dir, 'node.db'));
    migrate(db, [outboxMigrations]);
    store = new SqliteOutboxStore(db);
  };
  const counterpart = async (name: string, listen = true) => {
    const c = new Counterpart(testParty(name).party.id);
    counterparts.push(c);
    if (listen) await c.listen();
    return c;
  };
  const outbox = (options: Partial<OutboxOptions> = {}) => {
    const byId = new Map(counterparts.map((c) => [c.partyId, c]));
    const o = new Outbox({
      store, transport: httpTransport((id) => byId.get(id)!.publicKey),
      route: async (id) => (byId.has(id) ? { mode: 'push', target: byId.get(id)!.target() } : undefined),
      policy: retryPolicy({ baseMs: 20, factor: 2, maxDelayMs: 100, giveUpAfterMs: 60_000 }), attemptTimeoutMs: 300, stopTimeoutMs: 500,
      ...options,
    });
    outboxes.push(o);
    return o;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-outbox-'));
    open();
  });
  afterEach(async () => {
    for (const o of outboxes.splice(0)) await o.stop();
    for (const c of counterparts.splice(0)) await c.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enqueues idempotently, also inside the transaction that stores the message', async () => {
    const [b, c] = [testParty('CERT-B').party.id, testParty('CERT-C').party.id];
    const [m] = threadOf(sender, [b, c], 1);
    const first = await store.enqueue({ envelope: { message: m, evidence: [] }, recipients: [b, c, b], enqueuedAt: m.created });
    expect(first.map((d) => d.recipient)).toEqual([b, c]);
    expect(await store.enqueue({ envelope: { message: m, evidence: [] }, recipients: [b], enqueuedAt: m.created })).toEqual([]);
    db.exec('CREATE TABLE sent (id TEXT PRIMARY KEY)');
    const [m2] = threadOf(sender, [b], 1);
    const storeAndEnqueue = db.transaction((fail: boolean) => {
      db.prepare('INSERT INTO sent (id) VALUES (?)').run(m2.id);
      store.enqueueInTransaction({ envelope: { message: m2, evidence: [] }, recipients: [b], enqueuedAt: m2.created });
      if (fail) throw new Error('crash before commit');
    });
    expect(() => storeAndEnqueue(true)).toThrow('crash before commit');
    expect(await store.list({ messageId: m2.id })).toEqual([]);
    storeAndEnqueue(false);
    expect((await store.list({ messageId: m2.id })).map((d) => d.state)).toEqual(['queued']);
    expect((await store.list()).length).toBe(3);
  });

  it('queues inside the caller\'s transaction: nothing after a rollback, delivered once committed and released', async () => {
    const b = await counterpart('CERT-B');
    const o = outbox();
    o.start();
    const [m1, m2] = threadOf(sender, [b.partyId], 2);
    db.exec('BEGIN IMMEDIATE');
    await o.queueWithin(m1!, [], [b.partyId]);
    db.exec('ROLLBACK');
    expect(await o.list()).toEqual([]);
    db.exec('BEGIN IMMEDIATE');
    const released = [await o.queueWithin(m1!, [], [b.partyId]), await o.queueWithin(m2!, [], [b.partyId])];
    db.exec('COMMIT');
    for (const release of released) release();
    await waitFor(async () => (await o.list({ state: 'delivered' })).length === 2);
    expect(b.accepted.map((m) => m.id)).toEqual([m1!.id, m2!.id]);
  });

  it('delivers every message exactly once and in order after the recipient comes back', async () => {
    const b = await counterpart('CERT-B');
    await b.close(); // down: connection refused
    const thread1 = threadOf(sender, [b.partyId], 4);
    const thread2 = threadOf(sender, [b.partyId], 3);
    const delivered: Delivery[] = [];
    const o = outbox({ onDelivered: (d) => { delivered.push(d); } });
    for (const m of [...thread1, ...thread2]) await o.dispatch(m, [], [b.partyId]);
    o.start();
    // One slot per recipient: under load a head may be tried again before the other head's first turn, so both are awaited.
    const heads = [thread1[0]!.id, thread2[0]!.id].sort();
    await waitFor(async () => {
      const failing = await o.list({ state: 'failing' });
      return failing.some((d) => d.attempts >= 2) && heads.every((id) => failing.some((d) => d.messageId === id));
    });
    expect(b.accepted).toEqual([]);
    // While the head of a thread is failing, nothing behind it has been tried.
    expect((await o.list()).filter((d) => d.attempts > 0).map((d) => d.messageId).sort()).toEqual(heads);
    await b.listen();
    await waitFor(async () => (await o.list({ state: 'delivered' })).length === 7);
    expect(b.accepted.map((m) => m.id).filter((id) => thread1.some((t) => t.id === id))).toEqual(thread1.map((m) => m.id));
    expect(b.accepted.map((m) => m.id).filter((id) => thread2.some((t) => t.id === id))).toEqual(thread2.map((m) => m.id));
    expect(b.accepted.length).toBe(7);
    expect(delivered.length).toBe(7);
    expect(delivered.every((d) => d.receipt?.recipient_ref === b.partyId && d.deliveredAt !== undefined)).toBe(true);
  });

  it('keeps delivering to a healthy counterpart while others hang, fail with 500 or answer garbage', async () => {
    const [slow, broken, garbled, healthy] = await Promise.all(['Slow', 'Broken', 'Garbled', 'Healthy'].map((n) => counterpart(n)));
    slow.mode = 'hang';
    broken.mode = 'error-500';
    garbled.mode = 'garbage';
    const o = outbox({ attemptTimeoutMs: 4000, maxInFlight: 4 });
    o.start();
    const started = Date.now();
    for (let i = 0; i < 6; i++) {
      const [m] = threadOf(sender, [slow.partyId, broken.partyId, garbled.partyId, healthy.partyId], 1);
      await o.dispatch(m, [], [slow.partyId, broken.partyId, garbled.partyId, healthy.partyId]);
    }
    await waitFor(() => healthy.accepted.length === 6, 3900);
    // All six went through before the first hung attempt to the slow counterpart even timed out.
    expect(Date.now() - started).toBeLessThan(4000);
    expect(slow.accepted).toEqual([]);
    await waitFor(async () => (await o.list({ recipient: garbled.partyId, state: 'failing' })).length > 0);
    await waitFor(async () => (await o.list({ recipient: broken.partyId, state: 'failing' })).length > 0);
    expect((await o.list({ recipient: broken.partyId, state: 'failing' }))[0].lastError).toBe('HTTP 500');
    expect((await o.list({ recipient: garbled.partyId, state: 'failing' }))[0].lastError).toBe('the answer is not JSON');
    await waitFor(async () => (await o.list({ recipient: slow.partyId, state: 'failing' })).length > 0, 8000);
    expect((await o.list({ recipient: slow.partyId, state: 'failing' }))[0].lastError).toBe('no answer within 4000 ms');
  });

  it('bounds attempts in flight overall and per recipient while delivering everything', async () => {
    const nodes = await Promise.all(['N1', 'N2', 'N3', 'N4', 'N5'].map((n) => counterpart(n)));
    let inFlightNow = 0;
    let inFlightMax = 0;
    for (const n of nodes) n.delayMs = 30;
    const o = outbox({ maxInFlight: 3, perRecipient: 1 });
    for (let i = 0; i < 4; i++) {
      const [m] = threadOf(sender, nodes.map((n) => n.partyId), 1);
      await o.dispatch(m, [], nodes.map((n) => n.partyId));
    }
    const sampler = setInterval(() => {
      inFlightNow = nodes.reduce((sum, n) => sum + n.concurrent, 0);
      inFlightMax = Math.max(inFlightMax, inFlightNow);
    }, 2);
    try {
      o.start();
      await waitFor(async () => (await o.list({ state: 'delivered', limit: 100 })).length === 20, 8000);
    } finally {
      clearInterval(sampler);
    }
    expect(nodes.map((n) => n.accepted.length)).toEqual([4, 4, 4, 4, 4]);
    expect(nodes.map((n) => n.maxConcurrent)).toEqual([1, 1, 1, 1, 1]);
    expect(inFlightMax).toBeGreaterThan(1);
    expect(inFlightMax).toBeLessThanOrEqual(3);
  });

  it('spreads what is due over a recipient\'s free slots, and never splits a small backlog', async () => {
    const b = await counterpart('CERT-B');
    b.delayMs = 30;
    const http = httpTransport(() => b.publicKey);
    const batches: number[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const transport = {
      deliver: http.deliver,
      async deliverAll(target: Parameters<typeof http.deliver>[0], envelopes: readonly Parameters<typeof http.deliver>[1][], signal?: AbortSignal) {
        batches.push(envelopes.length);
        maxConcurrent = Math.max(maxConcurrent, ++concurrent);
        try {
          return await Promise.all(envelopes.map((e) => http.deliver(target, e, signal)));
        } finally {
          concurrent--;
        }
      },
    };
    // A batch is one attempt: a generous timeout, so a loaded machine does not fail a slow batch and leave it to a retry.
    const o = outbox({ transport, perRecipient: 2, maxBatch: 32, attemptTimeoutMs: 20_000 });
    const dispatchAll = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const [m] = threadOf(sender, [b.partyId], 1);
        await o.dispatch(m, [], [b.partyId]);
      }
    };
    // 40 due, two free slots: two batches of 20 side by side, not 32 and then 8.
    await dispatchAll(40);
    await o.runDue();
    expect(batches).toEqual([20, 20]);
    expect(maxConcurrent).toBe(2);
    // Six due: one batch (below the size worth splitting).
    await dispatchAll(6);
    await o.runDue();
    expect(batches.slice(2)).toEqual([6]);
    // A full backlog still goes in full batches.
    await dispatchAll(100);
    await o.runDue();
    expect(batches.slice(3)).toEqual([32, 32]);
    expect(b.accepted.length).toBe(40 + 6 + 64);
  });

  it('does not starve a counterpart behind a long backlog for a hung one', async () => {
    const [hung, healthy] = await Promise.all([counterpart('Hung'), counterpart('Healthy')]);
    hung.mode = 'hang';
    const o = outbox({ maxInFlight: 2, perRecipient: 1, attemptTimeoutMs: 20_000, stopTimeoutMs: 100 });
    for (let i = 0; i < 80; i++) {
      const [m] = threadOf(sender, [hung.partyId], 1);
      await o.dispatch(m, [], [hung.partyId]);
    }
    for (let i = 0; i < 10; i++) {
      const [m] = threadOf(sender, [healthy.partyId], 1);
      await o.dispatch(m, [], [healthy.partyId]);
    }
    o.start();
    await waitFor(() => healthy.accepted.length === 10, 5000);
    expect(hung.requests.length).toBe(1);
  });

  it('schedules retries with exponential backoff and full jitter on the injected clock, then gives up', async () => {
    const b = await counterpart('CERT-B');
    b.mode = 'error-500';
    let now = Date.parse('2026-03-01T10:00:00.000Z');
    const o = outbox({ now: () => now, random: () => 0.5, policy: retryPolicy({ baseMs: 1000, factor: 2, maxDelayMs: 3000, giveUpAfterMs: 10_000 }) });
    const [m] = threadOf(sender, [b.partyId], 1);
    await o.dispatch(m, [], [b.partyId]);
    const t0 = now;
    const expectedNext = [500, 1000, 1500, 1500]; // half of the caps 1000, 2000, 3000 (max), 3000
    let at = t0;
    for (const [i, delay] of expectedNext.entries()) {
      await o.runDue();
      const [d] = await o.list();
      expect(d.state).toBe('failing');
      expect(d.attempts).toBe(i + 1);
      expect(Date.parse(d.nextAttemptAt!)).toBe(at + delay);
      now = at + delay - 1;
      await o.runDue();
      expect(b.requests.length).toBe(i + 1); // not due yet: no request
      now = at = at + delay;
    }
    now = t0 + 10_000;
    await o.runDue();
    const [d] = await o.list();
    expect(d.state).toBe('given-up');
    expect(d.lastError).toBe('HTTP 500');
    expect(d.attempts).toBe(5);
    now += 60_000;
    await o.runDue();
    expect(b.requests.length).toBe(5);
  });

  it('records a permanent refusal as rejected with its code and never retries it', async () => {
    const b = await counterpart('CERT-B');
    b.mode = 'reject';
    const o = outbox();
    const [m] = threadOf(sender, [b.partyId], 1);
    await o.dispatch(m, [], [b.partyId]);
    await o.runDue();
    const [d] = await o.list();
    expect(d).toMatchObject({ state: 'rejected', rejectCode: 'AGREEMENT_NOT_IN_FORCE', rejectReason: 'no agreement in force', attempts: 1 });
    await o.runDue();
    expect(b.requests.length).toBe(1);
  });

  it('resumes queued and failing deliveries after a restart over the same database', async () => {
    const b = await counterpart('CERT-B');
    b.mode = 'error-500';
    const messages = threadOf(sender, [b.partyId], 3);
    let now = Date.parse('2026-03-01T10:00:00.000Z');
    const first = outbox({ now: () => now });
    for (const m of messages) await first.dispatch(m, [], [b.partyId]);
    await first.runDue();
    await first.stop();
    db.close();

    open();
    b.mode = 'accept';
    now += 1000;
    const receipts: TransportReceipt[] = [];
    const second = outbox({ now: () => now, onDelivered: (_d, r) => { receipts.push(r); } });
    second.start();
    await waitFor(async () => (await second.list({ state: 'delivered' })).length === 3);
    expect(b.accepted.map((m) => m.id)).toEqual(messages.map((m) => m.id));
    expect(receipts.map((r) => r.message_id)).toEqual(messages.map((m) => m.id));
    expect(b.requests.filter((id) => id === messages[0].id).length).toBe(2);
  });

  it('picks up within its poll interval what another instance on the same store enqueued', async () => {
    const b = await counterpart('CERT-B');
    const running = outbox({ pollIntervalMs: 100 });
    running.start();
    // The other instance does not hold the outbox lease: it queues but does not deliver, and wakes no one here.
    const otherDb = openSqliteDatabase(join(dir, 'node.db'));
    try {
      const other = new Outbox({ store: new SqliteOutboxStore(otherDb), transport: httpTransport(() => b.publicKey), route: async () => undefined });
      const [m] = threadOf(sender, [b.partyId], 1);
      const t0 = Date.now();
      await other.dispatch(m, [], [b.partyId]);
      await waitFor(() => b.accepted.length === 1, 3_000);
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect(b.accepted.map((x) => x.id)).toEqual([m.id]);
    } finally {
      otherDb.close();
    }
  });

  it('never sends message n+1 of a thread to a recipient before message n is delivered, but other recipients proceed', async () => {
    const [b, c] = await Promise.all([counterpart('CERT-B'), counterpart('CERT-C')]);
    const messages = threadOf(sender, [b.partyId, c.partyId], 3);
    b.mode = (m: Message) => (m.id === messages[0].id ? 'error-500' : 'accept');
    const o = outbox();
    for (const m of messages) await o.dispatch(m, [], [b.partyId, c.partyId]);
    for (let i = 0; i < 3; i++) await o.runDue();
    expect(c.accepted.map((m) => m.id)).toEqual(messages.map((m) => m.id));
    expect(new Set(b.requests)).toEqual(new Set([messages[0].id]));
  });

  it('stops gracefully: waits for attempts in flight, then aborts them, leaving them to retry', async () => {
    const b = await counterpart('CERT-B');
    b.mode = 'hang';
    const o = outbox({ attemptTimeoutMs: 20_000, stopTimeoutMs: 200 });
    const [m] = threadOf(sender, [b.partyId], 1);
    await o.dispatch(m, [], [b.partyId]);
    o.start();
    await waitFor(() => b.requests.length === 1);
    const started = Date.now();
    await o.stop();
    expect(Date.now() - started).toBeLessThan(4000);
    const [d] = await o.list();
    expect(d).toMatchObject({ state: 'failing', attempts: 1, lastError: 'the outbox is stopping' });
  });

  it('refuses the whole dispatch when the guard refuses one recipient', async () => {
    const [b, x] = [testParty('CERT-B').party.id, testParty('X').party.id];
    const o = outbox({ guard: (_m, _e, recipient) => { if (recipient === x) throw new Error('TLP_VIOLATION'); } });
    const [m] = threadOf(sender, [b, x], 1);
    await expect(o.dispatch(m, [], [b, x])).rejects.toThrow('TLP_VIOLATION');
    expect(await o.list()).toEqual([]);
  });
});

describe('Outbox routing failures', () => {
  it('retries with backoff when no route is known or the route lookup fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-outbox-route-'));
    const db = openSqliteDatabase(join(dir, 'node.db'));
    try {
      migrate(db, [outboxMigrations]);
      const [b, c] = [testParty('CERT-B').party.id, testParty('CERT-C').party.id];
      const now = Date.parse('2026-03-01T10:00:00.000Z');
      const o = new Outbox({
        store: new SqliteOutboxStore(db), now: () => now, random: () => 1,
        transport: { deliver: async () => ({ outcome: 'failed', reason: 'unused', retryable: true }) },
        route: async (id) => { if (id === c) throw new Error('party record unreadable'); return undefined; },
      });
      const [m] = threadOf(sender, [b, c], 1);
      await o.dispatch(m, [], [b, c]);
      await o.runDue();
      const byRecipient = new Map((await o.list()).map((d) => [d.recipient, d]));
      expect(byRecipient.get(b)).toMatchObject({ state: 'failing', lastError: `no address known for ${b}`, nextAttemptAt: '2026-03-01T10:00:01.000Z' });
      expect(byRecipient.get(c)).toMatchObject({ state: 'failing', lastError: 'party record unreadable' });
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Outbox retry timers', () => {
  it('retries a failing counterpart on its own schedule while another hangs for a whole attempt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-outbox-timers-'));
    const db = openSqliteDatabase(join(dir, 'node.db'));
    const [slow, broken] = [new Counterpart(testParty('Slow').party.id), new Counterpart(testParty('Broken').party.id)];
    const o = (() => {
      migrate(db, [outboxMigrations]);
      const byId = new Map([slow, broken].map((c) => [c.partyId, c]));
      return new Outbox({
        store: new SqliteOutboxStore(db), transport: httpTransport((id) => byId.get(id)!.publicKey),
        route: async (id) => ({ mode: 'push', target: byId.get(id)!.target() }),
        policy: retryPolicy({ baseMs: 40, factor: 1, maxDelayMs: 40, giveUpAfterMs: 60_000 }), attemptTimeoutMs: 5000, stopTimeoutMs: 100,
      });
    })();
    try {
      await Promise.all([slow.listen(), broken.listen()]);
      slow.mode = 'hang';
      broken.mode = 'error-500';
      const [m] = threadOf(sender, [slow.partyId, broken.partyId], 1);
      o.start();
      await o.dispatch(m, [], [slow.partyId, broken.partyId]);
      await waitFor(() => broken.requests.length >= 4, 3000);
      expect(slow.requests.length).toBe(1);
    } finally {
      await o.stop();
      await Promise.all([slow.close(), broken.close()]);
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
