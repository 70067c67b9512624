import type { Command } from 'commander';

/** The default data directory of every command that opens the store. */
export const DEFAULT_DATA_DIR = './parley-data';

/** Adds the shared `--data DIR` option to a command. */
export function withDataOption(command: Command): Command {
  return command.option('--data <dir>', 'data directory (holds parley.db)', DEFAULT_DATA_DIR);
}
