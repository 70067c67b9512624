import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParleyError } from '../../errors.ts';
import type { StixObject } from '../../hotline/evidence.ts';

/** The body from --body, --body-file, or $EDITOR (in that order). */
export function bodyFrom(options: { body?: string; bodyFile?: string }): string {
  if (options.body !== undefined) return options.body;
  if (options.bodyFile !== undefined) {
    try {
      return readFileSync(options.bodyFile, 'utf8');
    } catch (error) {
      throw new ParleyError('BAD_REQUEST', `cannot read ${options.bodyFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const editor = process.env.EDITOR;
  if (!editor) throw new ParleyError('BAD_REQUEST', 'give the body with --body or --body-file (or set $EDITOR)');
  const dir = mkdtempSync(join(tmpdir(), 'parley-body-'));
  const file = join(dir, 'body.txt');
  writeFileSync(file, '', { mode: 0o600 });
  try {
    const run = spawnSync(editor, [file], { stdio: 'inherit', shell: true });
    if (run.status !== 0) throw new ParleyError('BAD_REQUEST', `$EDITOR exited with ${run.status ?? run.signal}`);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The STIX objects of a bundle file (a bundle, a list of objects, or one object). */
export function evidenceFrom(file: string | undefined): StixObject[] {
  if (file === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ParleyError('BAD_REQUEST', `cannot read the evidence ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const list = Array.isArray(value) ? value : (value as { type?: string; objects?: unknown[] })?.type === 'bundle' ? (value as { objects?: unknown[] }).objects ?? [] : [value];
  for (const o of list) {
    if (typeof o !== 'object' || o === null || typeof (o as StixObject).id !== 'string' || typeof (o as StixObject).type !== 'string') {
      throw new ParleyError('INVALID_STIX', `${file}: every evidence object needs a type and an id`);
    }
  }
  return list as StixObject[];
}
