import type { LeasedWork } from './leased-job.ts';

/** Runs `run` every `intervalMs` (first at once) while started; `stop` waits for a run in progress. */
export function periodicWork(run: () => Promise<unknown>, intervalMs: number): LeasedWork {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    // A run longer than the interval is not overlapped by the next one.
    if (running) return;
    running = run().finally(() => (running = undefined));
  };
  return {
    start() {
      if (timer) return;
      tick();
      timer = setInterval(tick, intervalMs);
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running?.catch(() => {});
    },
  };
}
