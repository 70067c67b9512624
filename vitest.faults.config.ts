import { defineConfig } from 'vitest/config';

// The federation fault tests (test/faults/): real `parley serve` processes killed and restarted on 127.0.0.1.
// One file at a time, so that the timing bounds they assert are not eaten by the other files' processes.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    // Some fault tests run over both backends: a throwaway PostgreSQL cluster as in vitest.config.ts.
    globalSetup: ['test/support/postgres-cluster.ts'],
    testTimeout: 240_000,
    hookTimeout: 180_000,
  },
});
