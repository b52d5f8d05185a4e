import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/postgres-server.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Tests seal tip contact details with a key of their own, never the demo's.
    env: { QINGWANG_TIP_KEY: '5e'.repeat(32) },
  },
});
