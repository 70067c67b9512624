import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Env, Hono } from 'hono';

/** Where `npm run build:web` writes the console. */
export const CONSOLE_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
});

// Vite names built assets `<name>-<hash>.<ext>`; only those may be cached for ever.
const HASHED = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
const SAFE_NAME = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** Options of `serveConsole` (the directory is for tests; the node serves `web/dist`). */
export interface ConsoleOptions {
  dist?: string;
}

/**
 * Serves the console: `GET /` → `index.html` (no-cache), `GET /assets/*` → files of `assets/` (hashed names
 * immutable for a year). Never answers a file outside the dist directory: names are checked, then the resolved
 * real path must stay inside. When the console has not been built, `/` answers 503 with the command to run.
 */
export function serveConsole<E extends Env>(app: Hono<E>, options: ConsoleOptions = {}): void {
  const dist = resolve(options.dist ?? CONSOLE_DIST);
  app.get('/', async (c) => {
    const html = await readInside(dist, 'index.html');
    if (html === undefined) return c.text('The console is not built: run npm run build:web\n', 503);
    return send(c, html, '.html', 'no-cache');
  });
  app.get('/assets/*', async (c) => {
    const name = assetName(new URL(c.req.url).pathname);
    if (!SAFE_NAME.test(name) || name.split('/').some((part) => part === '.' || part === '..')) return c.text('Not found\n', 404);
    const bytes = await readInside(join(dist, 'assets'), name);
    if (bytes === undefined) return c.text('Not found\n', 404);
    return send(c, bytes, extname(name), HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
}

function assetName(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice('/assets/'.length));
  } catch {
    return '';
  }
}

function send(c: Context, bytes: Buffer, ext: string, cacheControl: string): Response {
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  });
}

/** Reads `name` under `root`, or undefined when missing, not a file, or (through a link) outside `root`. */
async function readInside(root: string, name: string): Promise<Buffer | undefined> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(root, name));
    if (!real.startsWith(realRoot + sep)) return undefined;
    if (!(await stat(real)).isFile()) return undefined;
    return await readFile(real);
  } catch {
    return undefined;
  }
}
