import { Command, CommanderError } from 'commander';
import { ParleyError } from '../errors.ts';
import { processOutput, type Output } from './output.ts';
import { commands } from './commands/index.ts';

/** A command module adds itself to the program; its action sets the exit code through `setExit`. */
export interface CommandContext {
  output: Output;
  setExit(code: number): void;
}

/** Builds the `parley` program with every command registered. */
export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('parley')
    .description('Parley: a cyber-incident hotline between states, CERTs and companies (STIX 2.1 / TAXII 2.1)')
    .version('0.2.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.output.out(s.replace(/\n$/, '')),
      writeErr: (s) => ctx.output.err(s.replace(/\n$/, '')),
    });
  for (const register of commands) register(program, ctx);
  return program;
}

/** Runs the CLI and returns the process exit code; errors become one line on standard error. */
export async function main(argv: string[], output: Output = processOutput): Promise<number> {
  let exit = 0;
  const ctx: CommandContext = { output, setExit: (code) => void (exit = code) };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv);
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ParleyError) {
      output.err(`parley: ${error.message}`);
      return exit || 1;
    }
    output.err(`parley: ${error instanceof Error ? error.message : String(error)}`);
    return exit || 1;
  }
}
