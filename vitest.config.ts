import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // jieba's dictionary load (~0.8 s) happens once per worker; the e2e tests start a real client.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
