import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runProcess } from '../../test/parley-process.ts';
import type { LeaseStore } from '../store/lease-store.ts';
import { ConnectionGate } from '../store/sqlite/connection-gate.ts';
import { openSqliteDatabase, type SqliteDatabase } from '../store/sqlite/database.ts';
import { migrate } from '../store/sqlite/migrate.ts';
import { leaseMigrations, SqliteLeaseStore } from '../store/sqlite/sqlite-lease-store.ts';
import { instanceHolderId, isDeadLocalHolder } from './lease-holder.ts';
import { LeasedJobs, type LeaseEvent, type LeasedWork } from './leased-job.ts';
import { periodicWork } from './periodic-work.ts';

const TTL = 150;
let dir: string;
const dbs: SqliteDatabase[] = [];
const running: LeasedJobs[] = [];

// Each instance gets its own connection to one database file, as separate processes would.
function connect(): LeaseStore {
  const db = openSqliteDatabase(join(dir, 'parley.db'));
  dbs.push(db);
  migrate(db, [leaseMigrations]);
  return new SqliteLeaseStore(db, new ConnectionGate(db));
}

function instance(name: string, events: LeaseEvent[] = [], options: { isDeadHolder?: (h: string) => boolean } = {}) {
  const jobs = new LeasedJobs({ leases: connect(), holder: `test:${name}`, ttlMs: TTL, onEvent: (e) => events.push(e), ...options });
  running.push(jobs);
  return jobs;
}

/** A job that records whether it runs. */
function flag(): LeasedWork & { on: boolean; starts: number } {
  const w = { on: false, starts: 0, start() { w.on = true; w.starts++; }, async stop() { w.on = false; } };
  return w;
}

async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'parley-leased-')); });
afterEach(async () => {
  await Promise.all(running.splice(0).map((j) => j.stop()));
  for (const db of dbs.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('LeasedJobs', () => {
  it('runs a job on one instance only, and the other takes it over at once when the holder stops cleanly', async () => {
    const [a, b] = [instance('a'), instance('b')];
    const [wa, wb] = [flag(), flag()];
    await a.add('deadlines', wa);
    await b.add('deadlines', wb);
    expect([wa.on, wb.on, a.holds('deadlines'), b.holds('deadlines')]).toEqual([true, false, true, false]);
    // Several renewals later, still only a.
    await new Promise((r) => setTimeout(r, TTL * 2));
    expect([wa.on, wb.on, wa.starts]).toEqual([true, false, 1]);
    await a.stop();
    expect(wa.on).toBe(false);
    await until(() => wb.on);
    expect(b.holds('deadlines')).toBe(true);
  });

  it('takes over a lease whose holder vanished once it expires, not before', async () => {
    const leases = connect();
    const t0 = Date.now();
    expect(await leases.acquire('outbox', 'elsewhere:4242:dead', TTL, t0)).toBe(true);
    const events: LeaseEvent[] = [];
    const b = instance('b', events);
    const wb = flag();
    await b.add('outbox', wb);
    expect(wb.on).toBe(false);
    await until(() => wb.on);
    expect(Date.now()).toBeGreaterThan(t0 + TTL);
    expect(events).toContainEqual({ event: 'acquired', lease: 'outbox', holder: 'test:b' });
  });

  it('stops the job when a renewal finds another holder', async () => {
    const events: LeaseEvent[] = [];
    const a = instance('a', events);
    const wa = flag();
    await a.add('deadlines', wa);
    expect(wa.on).toBe(true);
    // Another instance that wrongly believed a dead takes the row over.
    expect(await connect().acquire('deadlines', 'intruder', 60_000, Date.now(), { replacing: 'test:a' })).toBe(true);
    await until(() => !wa.on);
    expect(a.holds('deadlines')).toBe(false);
    expect(events.some((e) => e.event === 'lost' && e.lease === 'deadlines')).toBe(true);
  });

  it('stops the job first when a renewal comes after the lease ran out (a stalled process), then takes it again', async () => {
    const events: LeaseEvent[] = [];
    let skew = 0;
    const jobs = new LeasedJobs({ leases: connect(), holder: 'test:stalled', ttlMs: TTL, now: () => Date.now() + skew, onEvent: (e) => events.push(e) });
    running.push(jobs);
    const w = flag();
    await jobs.add('deadlines', w);
    expect(w.starts).toBe(1);
    skew = TTL * 3;
    await until(() => w.starts === 2);
    expect(events).toContainEqual({ event: 'lost', lease: 'deadlines', holder: 'test:stalled', reason: 'the lease expired before it was renewed' });
    expect(w.on).toBe(true);
  });

  it('keeps each named lease apart: two jobs may run on two instances', async () => {
    const [a, b] = [instance('a'), instance('b')];
    const [d, o] = [flag(), flag()];
    await a.add('deadlines', d);
    await b.add('outbox', o);
    expect([d.on, o.on]).toEqual([true, true]);
    expect(a.holds('outbox')).toBe(false);
  });

  it('takes a lease left by a dead process of this host at once', async () => {
    const gone = await runProcess(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadHolder = `${hostname()}:${gone.stdout}:cafe0001`;
    expect(await connect().acquire('deadlines', deadHolder, 60_000, Date.now())).toBe(true);
    const events: LeaseEvent[] = [];
    const b = instance('b', events);
    const wb = flag();
    await b.add('deadlines', wb);
    expect(wb.on).toBe(true);
    expect(events).toContainEqual({ event: 'acquired', lease: 'deadlines', holder: 'test:b', replaced: deadHolder });
  });

  it('hands the lease back when the job fails to start, and tries again', async () => {
    const events: LeaseEvent[] = [];
    const a = instance('a', events);
    let attempts = 0;
    await a.add('outbox', { start() { attempts++; if (attempts === 1) throw new Error('store down'); }, async stop() {} });
    expect(a.holds('outbox')).toBe(false);
    expect(events.some((e) => e.event === 'error')).toBe(true);
    await until(() => a.holds('outbox'));
    expect(attempts).toBe(2);
  });
});

describe('isDeadLocalHolder', () => {
  it('counts as dead only an exited process of this host', async () => {
    const gone = (await runProcess(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])).stdout;
    expect(isDeadLocalHolder(`${hostname()}:${gone}:x`)).toBe(true);
    expect(isDeadLocalHolder(`${hostname()}:${process.pid}:x`)).toBe(false);
    expect(isDeadLocalHolder(`${hostname()}:${process.ppid}:x`)).toBe(false);
    expect(isDeadLocalHolder(`some-other-host:${gone}:x`)).toBe(false);
    expect(isDeadLocalHolder('garbage')).toBe(false);
    expect(instanceHolderId()).toMatch(new RegExp(`^${hostname()}:${process.pid}:[0-9a-f]{8}$`));
  });
});

describe('periodicWork', () => {
  it('runs at once, then every interval without overlapping, and stop waits for the run in progress', async () => {
    let runs = 0;
    let inRun = 0;
    let overlapped = false;
    let finished = 0;
    const work = periodicWork(async () => {
      runs++;
      if (++inRun > 1) overlapped = true;
      await new Promise((r) => setTimeout(r, 30));
      inRun--;
      finished++;
    }, 10);
    work.start();
    expect(runs).toBe(1);
    await until(() => runs >= 3);
    await work.stop();
    expect(finished).toBe(runs);
    expect(overlapped).toBe(false);
    const after = runs;
    await new Promise((r) => setTimeout(r, 60));
    expect(runs).toBe(after);
  });
});
