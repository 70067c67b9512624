import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A postgres:// URL of a superuser on the test cluster (its `postgres` database). */
    postgresUrl: string;
  }
}

/** The newest Debian PostgreSQL bin directory (/usr/lib/postgresql/N/bin) that has initdb. */
function findBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) {
    throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql/*/bin: install Debian\'s postgresql (apt-get install postgresql; .ci/system-packages does) or set PARLEY_TEST_POSTGRES=postgres://...');
  }
  return join(root, versions[0]!, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A running throwaway cluster: a superuser URL on 127.0.0.1 and how to stop and delete it. */
export interface ThrowawayCluster {
  url: string;
  stop(): void;
}

/**
 * initdb's a throwaway cluster into a temporary folder and starts it on a free 127.0.0.1 port with durability off
 * (fsync, synchronous_commit, full_page_writes). initdb refuses to run as root, so as root the cluster runs as the
 * `postgres` OS user (Debian's package creates it) and the folder belongs to it. Throws when the binaries are missing.
 */
export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const bin = findBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'parley-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    return execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    const options = [`-p ${port}`, '-h 127.0.0.1', `-k ${dir}`, '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off',
      '-c max_connections=300', '-c shared_buffers=64MB'].join(' ');
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`could not start the test PostgreSQL cluster: ${stderr || String(error)}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * vitest globalSetup: provides `postgresUrl`, PARLEY_TEST_POSTGRES when set, otherwise a throwaway cluster that is
 * stopped and deleted in teardown.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.PARLEY_TEST_POSTGRES;
  if (given) {
    project.provide('postgresUrl', given);
    return () => {};
  }
  const cluster = await startThrowawayCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
