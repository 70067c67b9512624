/** Where a command writes: standard output for results, standard error for diagnostics. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes shared by every command. Commands may document more specific meanings per code. */
export type ExitCode = 0 | 1 | 2 | 3;

/** The process's real output streams. */
export const processOutput: Output = Object.freeze({
  out: (line: string) => void process.stdout.write(line + '\n'),
  err: (line: string) => void process.stderr.write(line + '\n'),
});
