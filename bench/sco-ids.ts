/** Throughput of deterministic SCO ids (UUIDv5 over JCS), per SCO shape. Run: node --import tsx bench/sco-ids.ts */
import { deterministicId } from '../src/stix/ids.ts';

const COUNT = 100_000;

const shapes: Record<string, (i: number) => Record<string, unknown>> = {
  'ipv4-addr (value)': (i) => ({ type: 'ipv4-addr', value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }),
  'file (hashes, name)': (i) => ({
    type: 'file',
    name: `sample-${i}.exe`,
    hashes: { 'SHA-256': i.toString(16).padStart(64, '0'), MD5: i.toString(16).padStart(32, '0') },
  }),
  'network-traffic (+ext)': (i) => ({
    type: 'network-traffic',
    src_ref: 'ipv4-addr--0b3f6c9e-5d1a-4c2b-9f7e-1a2b3c4d5e6f',
    dst_port: i % 65536,
    protocols: ['ipv4', 'tcp'],
    extensions: { 'http-request-ext': { request_method: 'get', request_value: `/p/${i}` } },
  }),
};

const rows: string[][] = [['shape', 'ids', 'ms', 'ids/s']];
for (const [name, make] of Object.entries(shapes)) {
  const objects = Array.from({ length: COUNT }, (_, i) => make(i));
  const started = process.hrtime.bigint();
  for (const o of objects) deterministicId(o);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  rows.push([name, String(COUNT), ms.toFixed(0), Math.round(COUNT / (ms / 1000)).toLocaleString('en')]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
