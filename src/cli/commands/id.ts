import { deterministicId, idContributingProperties, idName, isScoType } from '../../stix/ids.ts';
import type { RegisterCommand } from './index.ts';

/** Why a text is not an SCO, in one line, or the parsed object. */
export function parseSco(text: string): { sco: Record<string, unknown> } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'not an SCO: expected a JSON object' };
  const sco = value as Record<string, unknown>;
  if (sco.type === undefined) return { problem: 'not an SCO: the object has no "type" property' };
  if (typeof sco.type !== 'string' || !isScoType(sco.type)) {
    return { problem: `not an SCO: type ${JSON.stringify(sco.type)} is not a STIX 2.1 cyber-observable type` };
  }
  return { sco };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `parley id JSON|-`: prints the STIX 2.1 §2.9 identifier of an SCO; exit 0, or 2 when the input is not an SCO. */
export const registerId: RegisterCommand = (program, ctx) => {
  program
    .command('id')
    .description('print the deterministic STIX 2.1 identifier (UUIDv5) of a cyber-observable object')
    .argument('<sco-json>', 'the SCO as JSON, or - to read it from standard input')
    .action(async (input: string) => {
      const parsed = parseSco(input === '-' ? await readStdin() : input);
      if ('problem' in parsed) {
        ctx.output.err(`parley id: ${parsed.problem}`);
        ctx.setExit(2);
        return;
      }
      ctx.output.out(deterministicId(parsed.sco));
      // §2.9: without any id-contributing property the id is random, so say so rather than let it pass as content-derived.
      if (idName(parsed.sco, idContributingProperties(parsed.sco.type as string) ?? []) === undefined) {
        ctx.output.err('parley id: note: no id-contributing property present, so the id is a random UUIDv4');
      }
      ctx.setExit(0);
    });
};
