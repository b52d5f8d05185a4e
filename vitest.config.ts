import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/postgres-server.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Tests seal tip contact details with a key of their own, never the demo's.
    // The commands they run read no anchor key of the checkout's data directory (`npm start` makes one).
    env: { QINGWANG_TIP_KEY: '5e'.repeat(32), QINGWANG_DATA_DIR: join(tmpdir(), 'qingwang-test-no-keys') },
  },
});
