import { defineConfig } from 'vitest/config';

// One vitest config, one project per package (unit tests beside the code) plus the e2e suite.
export default defineConfig({
  test: {
    // The JSON report feeds the 'N passed, N failed' line .ci/run prints at the end.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: ['packages/*', 'examples/*', 'test', 'bench'],
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
