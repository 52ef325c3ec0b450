import { defineConfig } from 'vitest/config';

// One vitest config, one project per package (unit tests beside the code) plus the e2e suite.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*', 'test'],
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
