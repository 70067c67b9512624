// Where TAXII POST ingest time goes, stage by stage, for 1,000-object bundles (no HTTP), in wall and CPU time
// (CPU time is steadier on a shared machine). Run: node --import tsx bench/taxii-stages.ts
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateObject } from '../src/stix/validate.ts';
import type { StixObject } from '../src/store/object-store.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { benchObject } from './taxii-objects.ts';

const BUNDLES = 100;
const STAGES = ['parse', 'validate', 'stringify', 'put', 'status', 'commit'] as const;
const wall = new Map<string, number>(STAGES.map((s) => [s, 0]));
const cpu = new Map<string, number>(STAGES.map((s) => [s, 0]));
let mark = { wall: 0, cpu: 0 };
const start = () => (mark = { wall: performance.now(), cpu: cpuMs() });
const stop = (stage: string) => {
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
  const store = openSqliteStore(join(dir, 'stages'));
  const collection = (await store.collections.addCollection({ title: 'stages' })).id;
  for (const body of bodies) {
    start();
    const objects = (JSON.parse(body) as { objects: StixObject[] }).objects;
    stop('parse');
    start();
    for (const o of objects) if (!validateObject(o).valid) throw new Error('invalid');
    stop('validate');
    // Measured apart only: the store stringifies each object itself (inside "put").
    start();
    for (const o of objects) JSON.stringify(o);
    stop('stringify');
    await store.transaction(async () => {
      start();
      const outcomes = await store.objects.put(collection, objects);
      stop('put');
      start();
      const successes = outcomes.map((o) => ({ id: o.id, version: o.version }));
      await store.statuses.save('parley', 'bench', {
        id: randomUUID(), status: 'complete', request_timestamp: new Date().toISOString(), total_count: objects.length,
        success_count: successes.length, successes, failure_count: 0, failures: [], pending_count: 0, pendings: [],
      });
      stop('status');
      start();
    });
    stop('commit');
  }
  await store.close();
  const total = [...wall.values()].reduce((a, b) => a + b, 0) - wall.get('stringify')!;
  console.log(`${'stage'.padEnd(10)} ${'wall ms/bundle'.padStart(15)} ${'cpu ms/bundle'.padStart(14)}`);
  for (const stage of STAGES) {
    console.log(`${stage.padEnd(10)} ${(wall.get(stage)! / BUNDLES).toFixed(2).padStart(15)} ${(cpu.get(stage)! / BUNDLES).toFixed(2).padStart(14)}`);
  }
  console.log(`total (without the separate stringify): ${(total / BUNDLES).toFixed(2)} ms/bundle = ${Math.round((BUNDLES * 1000) / (total / 1000)).toLocaleString('en')} objects/s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
