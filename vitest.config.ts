import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    // The federation fault tests kill and restart real nodes; they run on their own (npm run test:faults).
    exclude: [...configDefaults.exclude, 'test/faults/**'],
    pool: 'forks',
    // Two files at a time, also on a 2-core CI machine (vitest's default there is one): most end-to-end files wait on
    // real `parley serve` processes and timers, so one file alone leaves a core idle. Tests never block their event
    // loop on a child process (test/parley-process.ts runProcess), and their bounded waits allow for the shared cores.
    poolOptions: { forks: { minForks: 1, maxForks: 2 } },
    // A throwaway PostgreSQL cluster (or PARLEY_TEST_POSTGRES) for the store suites that loop over both backends.
    globalSetup: ['test/support/postgres-cluster.ts'],
    // Bounds for a hang, not speed targets: room for two files at a time on 2 cores beside other work.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
