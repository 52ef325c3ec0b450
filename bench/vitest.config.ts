import { defineConfig } from 'vitest/config';

// The bench's own unit tests (`npx vitest run --root bench`, or as a project of the root config).
// No timing is ever asserted; the benchmark itself runs with `pnpm bench`.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], testTimeout: 20_000 },
});
