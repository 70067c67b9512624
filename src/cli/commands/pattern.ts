// `parley pattern check PATTERN` and `parley pattern match PATTERN FILE` (see docs/pattern.md).
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Output } from '../output.ts';
import type { RegisterCommand } from './index.ts';
import {
  checkPattern,
  matchPattern,
  observationsFrom,
  ObservationInputError,
  PatternSyntaxError,
} from '../../stix/pattern/index.ts';

/** `check`: prints `valid` (exit 0) or `invalid pattern at N: …` (exit 1). */
export function patternCheckCommand(text: string, out: Output): 0 | 1 {
  const result = checkPattern(text);
  if (result.ok) {
    out.out('valid');
    return 0;
  }
  out.out(`invalid pattern ${result.message}`);
  return 1;
}

/** `match`: one `match: <id>` line per observed-data in a match, then a count; exit 0 match, 1 none, 2 error. */
export async function patternMatchCommand(text: string, file: string, out: Output): Promise<0 | 1 | 2> {
  let objects: unknown[];
  try {
    const raw = file === '-' ? await readStdin() : await readFile(file, 'utf8');
    objects = objectsOf(JSON.parse(raw));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'not valid JSON' : error instanceof Error ? error.message : String(error);
    out.err(`parley: cannot read ${file}: ${reason}`);
    return 2;
  }
  try {
    const observations = observationsFrom(objects);
    const result = matchPattern(text, observations);
    if (!result.matched) {
      out.out('no match');
      return 1;
    }
    for (const id of result.observedDataIds) out.out(`match: ${id}`);
    out.out(`matched ${result.observedDataIds.length} of ${observations.length} observations`);
    return 0;
  } catch (error) {
    if (error instanceof PatternSyntaxError) out.err(`parley: invalid pattern ${error.message}`);
    else if (error instanceof ObservationInputError) out.err(`parley: ${error.message}`);
    else throw error;
    return 2;
  }
}

function objectsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (json && typeof json === 'object' && Array.isArray((json as { objects?: unknown }).objects)) {
    return (json as { objects: unknown[] }).objects;
  }
  throw new Error('expected a STIX bundle or a JSON list of STIX objects');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Registers `parley pattern check|match`. */
export const registerPattern: RegisterCommand = (program: Command, ctx) => {
  const pattern = program.command('pattern').description('check STIX 2.1 patterns and match them against observed-data');
  pattern
    .command('check')
    .description('check a pattern: prints "valid" (exit 0) or where it is invalid (exit 1)')
    .argument('<pattern>', 'the STIX pattern, e.g. "[ipv4-addr:value = \'10.0.0.1\']"')
    .action((text: string) => ctx.setExit(patternCheckCommand(text, ctx.output)));
  pattern
    .command('match')
    .description('match a pattern against the observed-data in a bundle or JSON list (exit 0 match, 1 none, 2 error)')
    .argument('<pattern>', 'the STIX pattern')
    .argument('<file>', "a STIX bundle or JSON list of objects, or '-' for standard input")
    .action(async (text: string, file: string) => ctx.setExit(await patternMatchCommand(text, file, ctx.output)));
};
