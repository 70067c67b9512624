import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyError } from '../errors.ts';
import type { DemoPartyKey } from './scenario-parties.ts';

/** One demo node as the state file remembers it. */
export interface DemoNodeState {
  dir: string;
  port: number;
  partyId: string;
  operator: { username: string; password: string };
}

/**
 * `DIR/demo.json`: what the first start set up, so a second start reuses it. `setupComplete` is written once every
 * node is initialised and introduced; `scenarioMessages` (step name → message id) grows as steps run, so a start
 * interrupted mid-scenario resumes at the first step without a message instead of repeating one.
 */
export interface DemoState {
  version: 1;
  nodes: Record<DemoPartyKey, DemoNodeState>;
  setupComplete: boolean;
  agreements: Record<string, string>;
  scenarioMessages: Record<string, string>;
  scenariosComplete: boolean;
}

/** The state file's path in a demo directory. */
export const demoStatePath = (dir: string): string => join(dir, 'demo.json');

/** Reads DIR/demo.json, or undefined when the directory holds no demo yet. */
export function readDemoState(dir: string): DemoState | undefined {
  const path = demoStatePath(dir);
  if (!existsSync(path)) return undefined;
  let value: DemoState;
  try {
    value = JSON.parse(readFileSync(path, 'utf8')) as DemoState;
  } catch {
    throw new ParleyError('BAD_REQUEST', `${path} is not readable JSON; start over with --fresh`);
  }
  if (value.version !== 1 || typeof value.nodes !== 'object') throw new ParleyError('BAD_REQUEST', `${path} is not a demo state file of this version; start over with --fresh`);
  return value;
}

/** Writes the state file atomically (temporary file + rename), so a crash never leaves half a file. */
export function writeDemoState(dir: string, state: DemoState): void {
  const path = demoStatePath(dir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
