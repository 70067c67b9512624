// Where TAXII POST ingest time goes, stage by stage, for 1,000-object bundles (no HTTP), in wall and CPU time
// (CPU time is steadier on a shared machine), next to the raw insert baseline of bench/taxii.ts measured the same way.
// Run: node --import tsx bench/taxii-stages.ts
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase } from '../src/store/sqlite/database.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { checkEnvelope } from '../src/taxii/ingest/check-envelope.ts';
import { benchObject } from './taxii-objects.ts';

const BUNDLES = 100;
const STAGES = ['check', 'put', 'status', 'commit', 'raw insert', 'raw commit'] as const;
type Stage = (typeof STAGES)[number];
const wall = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
const cpu = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
let mark = { wall: 0, cpu: 0 };
const start = () => (mark = { wall: performance.now(), cpu: cpuMs() });
const stop = (stage: Stage) => {
  wall.set(stage, wall.get(stage)! + performance.now() - mark.wall);
  cpu.set(stage, cpu.get(stage)! + cpuMs() - mark.cpu);
};
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const dir = mkdtempSync(join(tmpdir(), 'parley-stages-'));
try {
  const bodies = Array.from({ length: BUNDLES }, (_, b) => JSON.stringify({ objects: Array.from({ length: 1000 }, (_, k) => benchObject(b * 1000 + k)) }));
  const store = openSqliteStore(join(dir, 'stages'), { backgroundCheckpoints: true });
  const collection = (await store.collections.addCollection({ title: 'stages' })).id;
  for (const body of bodies) {
    start();
    const { valid } = checkEnvelope(body);
    stop('check');
    await store.transaction(async () => {
      start();
      const outcomes = await store.objects.putPrepared(collection, valid);
      stop('put');
      start();
      const successes = outcomes.map((o) => ({ id: o.id, version: o.version }));
      await store.statuses.save('parley', 'bench', {
        id: randomUUID(), status: 'complete', request_timestamp: new Date().toISOString(), total_count: valid.length,
        success_count: successes.length, successes, failure_count: 0, failures: [], pending_count: 0, pendings: [],
      });
      stop('status');
      start();
    });
    stop('commit');
  }
  await store.close();
  // The baseline of bench/taxii.ts: same rows, a table without secondary indexes, one prepared statement.
  const db = openSqliteDatabase(join(dir, 'raw.db'));
  db.exec(`CREATE TABLE raw (seq INTEGER PRIMARY KEY, collection TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL,
    version TEXT NOT NULL, version_key TEXT NOT NULL, spec_version TEXT NOT NULL, media_type TEXT NOT NULL,
    date_added INTEGER NOT NULL, is_latest INTEGER NOT NULL, is_first INTEGER NOT NULL, json TEXT NOT NULL)`);
  const insert = db.prepare('INSERT INTO raw (collection, id, type, version, version_key, spec_version, media_type, date_added, is_latest, is_first, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (let b = 0; b < BUNDLES; b++) {
    const rows = Array.from({ length: 1000 }, (_, k) => { const o = benchObject(b * 1000 + k); return ['c', o.id, o.type, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000000000Z', '2.1', 'application/stix+json;version=2.1', b * 1000 + k, 1, 1, JSON.stringify(o)] as const; });
    db.exec('BEGIN');
    start();
    for (const r of rows) insert.run(...r);
    stop('raw insert');
    start();
    db.exec('COMMIT');
    stop('raw commit');
  }
  db.close();
  console.log(`${'stage'.padEnd(16)} ${'wall ms/bundle'.padStart(15)} ${'cpu ms/bundle'.padStart(14)}`);
  for (const stage of STAGES) {
    console.log(`${stage.padEnd(16)} ${(wall.get(stage)! / BUNDLES).toFixed(2).padStart(15)} ${(cpu.get(stage)! / BUNDLES).toFixed(2).padStart(14)}`);
  }
  const sum = (m: Map<Stage, number>, stages: Stage[]) => stages.reduce((a, s) => a + m.get(s)!, 0);
  const sql = sum(cpu, ['put', 'status', 'commit']);
  const raw = sum(cpu, ['raw insert', 'raw commit']);
  console.log(`SQLite-thread CPU (put+status+commit) = ${Math.round((raw / sql) * 100)}% of the baseline's rate (CPU bound, before HTTP)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
