import { DEFAULT_BASE_PORT, runDemo } from '../../demo/run-demo.ts';
import type { RegisterCommand } from './index.ts';

/** `parley demo [--dir DIR] [--fresh] [--base-port N]`: three nodes on loopback playing the seed scenarios (docs/demo.md). */
export const registerDemo: RegisterCommand = (program, ctx) => {
  program.command('demo')
    .description('run three demo nodes (CERT-Arden, CERT-Borduria, Lumen Systems) on 127.0.0.1 with the seed scenarios played')
    .option('--dir <dir>', 'the demo directory (one data directory per node inside)', './parley-demo')
    .option('--fresh', 'wipe the demo directory and start over', false)
    .option('--base-port <port>', `first of three consecutive ports (0: any free ports) [default: ${DEFAULT_BASE_PORT}]`)
    .action(async (options: { dir: string; fresh: boolean; basePort?: string }) => {
      let basePort: number | undefined;
      if (options.basePort !== undefined) {
        basePort = Number(options.basePort);
        if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65533) {
          ctx.output.err('parley: --base-port must be an integer 0-65533');
          return ctx.setExit(2);
        }
      }
      const stopRequested = new Promise<string>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      ctx.setExit(await runDemo({ dir: options.dir, fresh: options.fresh, ...(basePort === undefined ? {} : { basePort }), output: ctx.output, stopRequested }));
    });
};
