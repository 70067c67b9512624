import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    // The federation fault tests kill and restart real nodes; they run on their own (npm run test:faults).
    exclude: [...configDefaults.exclude, 'test/faults/**'],
    pool: 'forks',
    // A throwaway PostgreSQL cluster (or PARLEY_TEST_POSTGRES) for the store suites that loop over both backends.
    globalSetup: ['test/support/postgres-cluster.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
