import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveConsole } from '../src/api/console-static.ts';

const servers: ServerType[] = [];
const dirs: string[] = [];

async function start(dist: string): Promise<string> {
  const app = new Hono();
  serveConsole(app, { dist });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A raw GET, so that `..` segments reach the server exactly as written (fetch would normalise them). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let base: string;
let missing: string;
beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'parley-console-'));
  dirs.push(root);
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Parley</title>');
  writeFileSync(join(dist, 'assets', 'index-AbC123xy.js'), 'console.log(1)');
  writeFileSync(join(dist, 'assets', 'index-AbC123xy.css'), 'body{}');
  writeFileSync(join(dist, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'secret.txt'), 'outside the console');
  symlinkSync(join(root, 'secret.txt'), join(dist, 'assets', 'link.txt'));
  base = await start(dist);
  missing = await start(join(root, 'not-built'));
});
afterAll(async () => {
  for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('serveConsole', () => {
  it('serves index.html at / without long caching', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<title>Parley</title>');
  });

  it('serves hashed assets with their content type as immutable, other assets revalidated', async () => {
    const js = await fetch(`${base}/assets/index-AbC123xy.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/assets/index-AbC123xy.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    const svg = await fetch(`${base}/assets/logo.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('cache-control')).toBe('no-cache');
  });

  it('never serves a file outside the dist directory', async () => {
    for (const path of ['/assets/../../secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/assets/link.txt', '/assets/..%5c..%5csecret.txt', '/assets/%zz']) {
      const res = await rawGet(base, path);
      expect(res.body, path).not.toContain('outside the console');
      expect(res.status, path).toBe(404);
    }
    expect((await fetch(`${base}/assets/nothing.js`)).status).toBe(404);
  });

  it('answers 503 with a one-line hint when the console is not built', async () => {
    const res = await fetch(`${missing}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('The console is not built: run npm run build:web\n');
  });
});
