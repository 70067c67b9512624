/**
 * Outbox throughput: enqueueing, picking due deliveries from a large backlog, and delivering over real loopback HTTP
 * to counterpart nodes (with and without one hung counterpart). Run: node --import tsx bench/outbox.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Outbox } from '../src/federation/outbox.ts';
import { retryPolicy } from '../src/federation/retry-policy.ts';
import { Counterpart, httpTransport, threadOf } from '../src/federation/test-counterpart.ts';
import { testParty } from '../src/hotline/test-fixtures.ts';
import { openSqliteDatabase } from '../src/store/sqlite/database.ts';
import { migrate } from '../src/store/sqlite/migrate.ts';
import { outboxMigrations, SqliteOutboxStore } from '../src/store/sqlite/sqlite-outbox-store.ts';

const rows: [string, string, string][] = [];
const record = (name: string, value: string, note: string) => {
  rows.push([name, value, note]);
  console.error(`${name}: ${value}`);
};
const perSecond = (count: number, ms: number) => Math.round((count * 1000) / ms).toLocaleString('en-US');

const sender = testParty('CERT-A');
const dir = mkdtempSync(join(tmpdir(), 'parley-bench-outbox-'));
const open = (name: string) => {
  const db = openSqliteDatabase(join(dir, `${name}.db`));
  migrate(db, [outboxMigrations]);
  return { db, store: new SqliteOutboxStore(db) };
};

try {
  // 1. Enqueue: 2,000 threads of 5 messages to 2 recipients = 20,000 deliveries.
  const { db, store } = open('backlog');
  const recipients = Array.from({ length: 10 }, (_, i) => testParty(`R${i}`).party.id);
  const threads = Array.from({ length: 2000 }, () => threadOf(sender, recipients, 5));
  let start = performance.now();
  let n = 0;
  for (const [t, thread] of threads.entries()) {
    for (const m of thread) {
      const to = [recipients[t % 10], recipients[(t + 1) % 10]];
      n += (await store.enqueue({ envelope: { message: m, evidence: [] }, recipients: to, enqueuedAt: '2026-03-01T10:00:00.000Z' })).length;
    }
  }
  const enqueueMs = performance.now() - start;
  record('enqueue (1 message, 2 recipients)', `${perSecond(n / 2, enqueueMs)} messages/s`, `${n.toLocaleString('en-US')} deliveries, file DB, one transaction each`);

  // 2. Picking due work out of that backlog.
  start = performance.now();
  let picks = 0;
  while (performance.now() - start < 2000) {
    await store.due('2026-03-01T10:00:00.000Z', 128);
    picks += 1;
  }
  record('due(limit 128) over the backlog', `${(((performance.now() - start) / picks)).toFixed(2)} ms`, `${n.toLocaleString('en-US')} pending, thread-order check included`);
  start = performance.now();
  picks = 0;
  while (performance.now() - start < 1000) {
    await store.nextAttemptAt({ seqs: [1, 2, 3], recipients: [recipients[0]] });
    picks += 1;
  }
  record('nextAttemptAt over the backlog', `${(((performance.now() - start) / picks)).toFixed(2)} ms`, 'excluding in-flight deliveries and a busy recipient');
  db.close();

  // 3. End to end over loopback HTTP: 4 counterparts, 500 messages each (signed receipts verified).
  for (const hung of [false, true]) {
    const { db: db2, store: store2 } = open(hung ? 'e2e-hung' : 'e2e');
    const nodes = await Promise.all(['B', 'C', 'D', 'E', ...(hung ? ['Hung'] : [])].map(async (name) => {
      const c = new Counterpart(testParty(name).party.id);
      await c.listen();
      if (name === 'Hung') c.mode = 'hang';
      return c;
    }));
    const byId = new Map(nodes.map((c) => [c.partyId, c]));
    const outbox = new Outbox({
      store: store2, transport: httpTransport((id) => byId.get(id)!.publicKey), maxInFlight: 8, perRecipient: 2, attemptTimeoutMs: 5000,
      stopTimeoutMs: 100, route: async (id) => ({ mode: 'push', target: byId.get(id)!.target() }),
      policy: retryPolicy({ baseMs: 1000, maxDelayMs: 5000 }),
    });
    const healthy = nodes.filter((c) => c.mode !== 'hang');
    for (let i = 0; i < 500; i++) {
      const [m] = threadOf(sender, nodes.map((c) => c.partyId), 1);
      await outbox.dispatch(m, [], nodes.map((c) => c.partyId));
    }
    start = performance.now();
    outbox.start();
    const until = Date.now() + 60_000;
    while (healthy.some((c) => c.accepted.length < 500) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const ms = performance.now() - start;
    const got = healthy.reduce((sum, c) => sum + c.accepted.length, 0);
    record(hung ? 'deliver over HTTP, one counterpart hung' : 'deliver over HTTP', `${perSecond(got, ms)} deliveries/s`,
      `${got} to ${healthy.length} healthy nodes; 8 in flight, 2 per node${hung ? '; the hung node holds 2 slots' : ''}`);
    await outbox.stop();
    await Promise.all(nodes.map((c) => c.close()));
    db2.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['benchmark', 'result', 'note'][i].length));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(['benchmark', 'result', 'note']));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
