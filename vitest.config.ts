import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One Postgres cluster per run, started by the first test file that needs it (test/use-postgres.ts).
    globalSetup: ['test/postgres-global-setup.ts'],
    // CLI output is asserted as plain text; CI=true would otherwise switch colours on in child processes.
    env: { NO_COLOR: '1' },
  },
});
