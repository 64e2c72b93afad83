import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // jieba's dictionary load (~0.4 s, on first use) happens once per worker; the e2e tests start a real client.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
