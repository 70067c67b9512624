import { readFile } from 'node:fs/promises';
import type { Output } from '../output.ts';
import type { RegisterCommand } from './index.ts';
import type { ValidationIssue } from '../../stix/validation-result.ts';
import { countObjects, validateDocument } from '../../stix/validate.ts';

/** `parley validate FILE|-`: prints errors and warnings; exit 0 valid, 1 invalid, 2 unreadable or not JSON. */
export async function validateCommand(file: string, output: Output, readStdin: () => Promise<string> = stdinText): Promise<0 | 1 | 2> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    output.err(`parley validate: cannot read ${file === '-' ? 'standard input' : file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    output.err(`parley validate: ${file === '-' ? 'standard input' : file} is not JSON: ${(error as Error).message.replace(/\s+/g, " ")}`);
    return 2;
  }
  const result = validateDocument(doc);
  for (const issue of result.errors) output.out(line('ERROR', issue));
  for (const issue of result.warnings) output.out(line('WARN', issue));
  output.out(`checked ${countObjects(doc)} objects: ${result.errors.length} errors, ${result.warnings.length} warnings`);
  return result.valid ? 0 : 1;
}

function line(label: 'ERROR' | 'WARN', issue: ValidationIssue): string {
  return `${label} ${issue.objectId ?? '-'} ${issue.path}: ${issue.message}`;
}

async function stdinText(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Registers `parley validate`. */
export const registerValidate: RegisterCommand = (program, ctx) => {
  program
    .command('validate')
    .description('validate a STIX 2.1 object, list of objects or bundle (FILE, or - for standard input)')
    .argument('<file>', 'JSON file to check, or - to read standard input')
    .action(async (file: string) => ctx.setExit(await validateCommand(file, ctx.output)));
};
