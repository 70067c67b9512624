import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyError } from '../errors.ts';
import type { Output } from '../cli/output.ts';
import { makeDemoAgreements, playDemoScenarios } from './demo-play.ts';
import { setUpDemoNodes } from './demo-setup.ts';
import { readDemoState, writeDemoState, type DemoState } from './demo-state.ts';
import { freePorts } from './free-port.ts';
import { startNodeProcess, type NodeProcess } from './node-process.ts';
import { DEMO_PARTIES, type DemoPartyKey } from './scenario-parties.ts';

/** The demo's default first port (CERT-Arden; CERT-Borduria and Lumen Systems take the next two). */
export const DEFAULT_BASE_PORT = 7701;

/** What `parley demo` is told. */
export interface DemoOptions {
  dir: string;
  fresh: boolean;
  /** First of three consecutive ports; 0 lets the OS pick three free ports. Ignored when DIR already holds a demo. */
  basePort?: number;
  output: Output;
  /** Resolves when the demo should stop (SIGINT/SIGTERM). */
  stopRequested: Promise<string>;
}

/** Runs the demo until stopped; resolves with the exit code (0 after a clean stop). */
export async function runDemo(options: DemoOptions): Promise<number> {
  const { dir, output } = options;
  const say = (line: string) => output.out(`demo: ${line}`);
  if (options.fresh && existsSync(dir)) {
    rmSync(dir, { recursive: true, force: true });
    say(`removed ${dir}`);
  }
  const state = await loadOrSetUp(options, say);
  const processes = new Map<DemoPartyKey, NodeProcess>();
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    const codes = await Promise.all([...processes.values()].map((p) => p.stop()));
    return codes.every((c) => c === 0) ? 0 : 1;
  };
  try {
    for (const spec of DEMO_PARTIES) {
      const node = state.nodes[spec.key];
      const proc = await startNodeProcess({
        dataDir: join(dir, node.dir), port: node.port, onLog: (line) => output.err(`[${node.dir}] ${line}`),
      });
      processes.set(spec.key, proc);
      say(`started ${spec.name} (pid ${proc.pid}) at ${proc.url}/`);
    }
    const crashed = Promise.race([...processes.entries()].map(([key, p]) => p.exited.then((e) => ({ key, ...e }))));
    if (state.scenariosComplete) say('scenarios already played; reusing the stored threads');
    else {
      await makeDemoAgreements(dir, state, say);
      await playDemoScenarios(dir, state, say);
    }
    printAddresses(dir, state, output);
    output.out('demo ready: press Ctrl-C (or send SIGTERM) to stop the three nodes');
    const ended = await Promise.race([options.stopRequested.then((signal) => ({ signal })), crashed.then((c) => ({ crash: c }))]);
    if ('crash' in ended && !stopping) {
      output.err(`parley: demo node ${ended.crash.key} exited unexpectedly (${ended.crash.signal ?? `code ${ended.crash.code}`}); stopping the others`);
      await stopAll();
      return 1;
    }
    const code = await stopAll();
    output.out('demo stopped');
    return code;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function loadOrSetUp(options: DemoOptions, say: (line: string) => void): Promise<DemoState> {
  const existing = readDemoState(options.dir);
  if (existing) {
    if (!existing.setupComplete) throw new ParleyError('CONFLICT', `${options.dir} holds an unfinished demo set-up; start over with --fresh`);
    const first = existing.nodes[DEMO_PARTIES[0]!.key].port;
    if (options.basePort !== undefined && options.basePort !== 0 && options.basePort !== first) {
      say(`--base-port ${options.basePort} ignored: ${options.dir} was set up on ports ${first}-${first + 2} (use --fresh to change them)`);
    }
    say(`reusing ${options.dir}`);
    return existing;
  }
  if (existsSync(options.dir) && readdirSync(options.dir).length > 0) {
    throw new ParleyError('CONFLICT', `${options.dir} is not empty and holds no demo (no demo.json); choose another --dir or use --fresh to wipe it`);
  }
  const base = options.basePort ?? DEFAULT_BASE_PORT;
  const list = base === 0 ? await freePorts(DEMO_PARTIES.length) : DEMO_PARTIES.map((_, i) => base + i);
  if (list.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) throw new ParleyError('BAD_REQUEST', `--base-port ${base}: the three ports must be within 1-65535`);
  const ports = Object.fromEntries(DEMO_PARTIES.map((p, i) => [p.key, list[i]!])) as Record<DemoPartyKey, number>;
  say(`setting up three nodes in ${options.dir}`);
  const state = await setUpDemoNodes(options.dir, ports);
  writeDemoState(options.dir, state);
  return state;
}

function printAddresses(dir: string, state: DemoState, output: Output): void {
  for (const spec of DEMO_PARTIES) {
    const node = state.nodes[spec.key];
    const base = `http://127.0.0.1:${node.port}`;
    output.out('');
    output.out(`${spec.name} — ${spec.description}`);
    output.out(`  console  ${base}/`);
    output.out(`  taxii    ${base}/taxii2/`);
    output.out(`  api      ${base}/api/`);
    output.out(`  data     ${join(dir, node.dir)}`);
    output.out(`  login    ${node.operator.username} / ${node.operator.password}`);
    output.out(`  party    ${node.partyId}`);
  }
  output.out('');
}
