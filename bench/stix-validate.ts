// Validation throughput over a mix of real objects: both ATT&CK bundles plus every OASIS example object.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { validateDocument, validateObject } from '../src/stix/validate.ts';

const shared = join(import.meta.dirname, '..', '..', 'shared', 'stix');

function objectsOf(path: string): unknown[] {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { objects?: unknown[] } | unknown[];
  return Array.isArray(doc) ? doc : Array.isArray(doc.objects) ? doc.objects : [doc];
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

const mix = [
  ...objectsOf(join(shared, 'attack', 'ics-attack-18.1.json')),
  ...objectsOf(join(shared, 'attack', 'mobile-attack-17.1.json')),
  ...jsonFiles(join(shared, 'oasis-examples', 'examples')).flatMap(objectsOf),
];

function time(label: string, rounds: number, work: () => number): string[] {
  work(); // warm-up: compile paths, JIT
  const start = process.hrtime.bigint();
  let objects = 0;
  for (let i = 0; i < rounds; i++) objects += work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return [label, String(objects), seconds.toFixed(3), Math.round(objects / seconds).toLocaleString('en-US')];
}

const bundle = { type: 'bundle', id: 'bundle--0d8b6f0e-6c1e-4c1b-9a2e-1f5d7c3b2a10', objects: mix };
const rows = [
  time('validateObject, one by one', 50, () => {
    for (const object of mix) validateObject(object);
    return mix.length;
  }),
  time('validateDocument, one bundle', 50, () => {
    validateDocument(bundle);
    return mix.length;
  }),
];

const header = ['run', 'objects', 'seconds', 'objects/s'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`mix: ${mix.length} objects (ATT&CK ICS + Mobile, OASIS examples)`);
console.log(line(header));
for (const row of rows) console.log(line(row));
