import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, runParley, startServe } from './parley-process.ts';
import { indicator, TAXII } from './taxii-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = ['--data', dir];

// Up to a dozen CLI runs one after another per test, each a fresh node process (about 1 s each on an idle core):
// the bound allows for two files sharing 2 cores on a machine busy with other work.
describe('parley CLI for the TAXII node', { timeout: 180_000 }, () => {
  let collection = '';

  it('adds and lists collections', async () => {
    const added = await runParley(['collection', 'add', 'Shared', '--description', 'for partners', ...data]);
    expect(added.status).toBe(0);
    collection = added.stdout.trim();
    expect(collection).toMatch(/^[0-9a-f-]{36}$/);
    expect((await runParley(['collection', 'add', 'Fixed', '--id', 'fixed-id', ...data])).stdout).toBe('fixed-id\n');
    expect((await runParley(['collection', 'add', 'Again', '--id', 'fixed-id', ...data])).status).toBe(1);
    expect((await runParley(['collection', 'list', ...data])).stdout).toBe(`${collection}\tparley\tShared\nfixed-id\tparley\tFixed\n`);
  });

  it('adds API roots and collections in them', async () => {
    expect((await runParley(['root', 'add', 'sharing', '--title', 'Sharing', '--max-content-length', '2048', ...data])).stdout).toBe('api root /taxii2/sharing/\n');
    expect((await runParley(['root', 'add', 'Bad Name', '--title', 'x', ...data])).status).toBe(1);
    expect((await runParley(['root', 'list', ...data])).stdout).toBe(`parley\tdefault\t${16 * 1024 * 1024}\tParley\nsharing\t-\t2048\tSharing\n`);
    expect((await runParley(['collection', 'add', 'In sharing', '--id', 'in-sharing', '--root', 'sharing', ...data])).stdout).toBe('in-sharing\n');
    expect((await runParley(['collection', 'add', 'Nowhere', '--root', 'missing', ...data])).status).toBe(1);
  });

  it('manages accounts and tokens', async () => {
    expect(await runParley(['account', 'add', 'ops', '--password-stdin', '--read', collection, '--write', collection, ...data], 'pw\n'))
      .toMatchObject({ status: 0, stdout: 'account ops created\n' });
    expect((await runParley(['account', 'add', 'ro', '--password-stdin', '--read', 'fixed-id', ...data], 'pw2\n')).status).toBe(0);
    expect((await runParley(['account', 'add', 'bad', '--password-stdin', '--read', 'missing', ...data], 'pw\n')).status).toBe(1);
    expect((await runParley(['account', 'list', ...data])).stdout).toBe(`ops\t${collection}:rw\nro\tfixed-id:r\n`);
    expect((await runParley(['token', 'create', 'ops', ...data])).stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect((await runParley(['token', 'create', 'nobody', ...data])).status).toBe(1);
    expect((await runParley(['account', 'remove', 'ro', ...data])).stdout).toBe('account ro removed\n');
    expect((await runParley(['account', 'remove', 'ro', ...data])).status).toBe(1);
  });

  it('imports a bundle with a summary and exits 1 if an object failed, then exports it', async () => {
    const file = join(dir, 'bundle.json');
    writeFileSync(file, JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects: [indicator(1), { type: 'indicator', id: 'broken' }, indicator(2)] }));
    const imported = await runParley(['import', file, '--collection', collection, ...data]);
    expect(imported.stdout).toBe('imported 2, failed 1\n');
    expect(imported.stderr).toMatch(/^failed broken: /m);
    expect(imported.status).toBe(1);
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000002', objects: [indicator(3)] }));
    expect(await runParley(['import', good, '--collection', collection, ...data])).toMatchObject({ status: 0, stdout: 'imported 1, failed 0\n' });
    writeFileSync(join(dir, 'broken.json'), '{"objects": [');
    expect((await runParley(['import', join(dir, 'broken.json'), '--collection', collection, ...data])).status).toBe(1);
    expect((await runParley(['import', good, '--collection', 'missing', ...data])).status).toBe(1);
    const exported = await runParley(['export', '--collection', collection, ...data]);
    expect(exported.status).toBe(0);
    const bundle = JSON.parse(exported.stdout) as { type: string; objects: { id: string }[] };
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.map((o) => o.id)).toEqual([indicator(1).id, indicator(2).id, indicator(3).id]);
  });

  it('serves, answers healthz and TAXII, and exits 0 on SIGTERM', async () => {
    const { child, url } = await startServe(dir);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const res = await fetch(`${url}/taxii2/parley/collections/${collection}/objects/`, {
      headers: { authorization: `Basic ${Buffer.from('ops:pw').toString('base64')}`, accept: TAXII },
    });
    expect(((await res.json()) as { objects: unknown[] }).objects).toHaveLength(3);
    const headers = { authorization: `Basic ${Buffer.from('ops:pw').toString('base64')}`, accept: TAXII };
    const discovery = (await (await fetch(`${url}/taxii2/`, { headers })).json()) as { default: string; api_roots: string[] };
    expect(discovery).toMatchObject({ default: `${url}/taxii2/parley/`, api_roots: [`${url}/taxii2/parley/`, `${url}/taxii2/sharing/`] });
    expect(((await (await fetch(`${url}/taxii2/sharing/`, { headers })).json()) as { max_content_length: number }).max_content_length).toBe(2048);
    expect((await fetch(`${url}/taxii2/sharing/collections/${collection}/`, { headers })).status).toBe(404);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  }, 60_000);

  it('takes title and max_content_length from node.json and exits 0 on SIGINT', async () => {
    writeFileSync(join(dir, 'node.json'), JSON.stringify({ title: 'CERT node', contact: 'cert@example.org', max_content_length: 4096 }));
    const { child, url } = await startServe(dir);
    const headers = { authorization: `Basic ${Buffer.from('ops:pw').toString('base64')}`, accept: TAXII };
    const discovery = (await (await fetch(`${url}/taxii2/`, { headers })).json()) as { title: string; contact: string };
    expect([discovery.title, discovery.contact]).toEqual(['CERT node', 'cert@example.org']);
    const root = (await (await fetch(`${url}/taxii2/parley/`, { headers })).json()) as { max_content_length: number };
    expect(root.max_content_length).toBe(4096);
    const big = await fetch(`${url}/taxii2/parley/collections/${collection}/objects/`, {
      method: 'POST', headers: { ...headers, 'content-type': TAXII }, body: JSON.stringify({ objects: Array.from({ length: 20 }, (_, i) => indicator(i + 10)) }),
    });
    expect(big.status).toBe(413);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
  }, 60_000);

  it('serves with --check-threads 1 (bodies checked on a worker thread) and refuses a bad --check-threads with exit 2', async () => {
    const bad = await runParley(['serve', '--port', '0', '--check-threads', 'two', ...data]);
    expect([bad.status, bad.stderr.trim()]).toEqual([2, 'parley: --check-threads must be an integer 0-64']);
    const { child, url } = await startServe(dir, { extraArgs: ['--check-threads', '1'] });
    const headers = { authorization: `Basic ${Buffer.from('ops:pw').toString('base64')}`, accept: TAXII };
    const objectsUrl = `${url}/taxii2/parley/collections/${collection}/objects/`;
    // Compact objects are stored from the body's own bytes, the others serialised again: GET gives the same text.
    const named = { ...indicator(31), name: 'Zürich — 東京 "quoted"' };
    const body = `{"objects":[${JSON.stringify(indicator(30))},${JSON.stringify(named).replace('Zürich', 'Z\\u00fcrich')},{"type":"indicator","id":"bad"},${JSON.stringify(indicator(32), null, 2)}]}`;
    const post = await fetch(objectsUrl, { method: 'POST', headers: { ...headers, 'content-type': TAXII }, body });
    expect([post.status, post.headers.get('content-type')]).toEqual([202, TAXII]);
    const answer = await post.json() as { id: string; successes: { id: string; version: string }[] };
    const listed = [indicator(30), named, indicator(32)].map((o) => ({ id: o.id, version: '2024-01-01T00:00:00.000Z' }));
    expect(answer).toMatchObject({ success_count: 3, failure_count: 1, successes: listed, pending_count: 0 });
    const status = (id: string) => fetch(`${url}/taxii2/parley/status/${id}/`, { headers }).then((r) => r.json());
    expect(await status(answer.id)).toEqual(answer);
    const ids = [indicator(30).id, named.id, indicator(32).id].join(',');
    const text = await (await fetch(`${objectsUrl}?match[id]=${ids}`, { headers })).text();
    for (const object of [indicator(30), named, indicator(32)]) expect(text).toContain(JSON.stringify(object));
    // The same objects again (already stored: reported with their versions), and an object that states no version
    // (reported by its date_added, known only once stored): each status lists what the node did.
    const again = await (await fetch(objectsUrl, { method: 'POST', headers: { ...headers, 'content-type': TAXII }, body })).json() as typeof answer;
    expect(again.successes).toEqual(listed);
    expect(await status(again.id)).toEqual(again);
    const address = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd', value: '198.51.100.3' };
    const mixed = await (await fetch(objectsUrl, { method: 'POST', headers: { ...headers, 'content-type': TAXII }, body: JSON.stringify({ objects: [indicator(33), address] }) })).json() as typeof answer;
    expect(mixed.successes[0]).toEqual({ id: indicator(33).id, version: indicator(33).modified });
    expect(mixed.successes[1]).toEqual({ id: address.id, version: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/) });
    expect(await status(mixed.id)).toEqual(mixed);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  }, 60_000);
});
