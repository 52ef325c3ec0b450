const variables = {
  redis: 'SIGNALBOX_TEST_REDIS_URL',
  postgres: 'SIGNALBOX_TEST_DATABASE_URL',
} as const;

/**
 * The URL of a test server (`redis` or `postgres`) that the test run started
 * (scripts/test-services.sh, run by the root vitest global setup). Throws when there is none:
 * a test that needs a server fails without it, it never skips.
 */
export function testServerUrl(server: keyof typeof variables): string {
  const url = process.env[variables[server]];
  if (!url) {
    throw new Error(
      `${variables[server]} is not set: this test needs a ${server} server. ` +
        'Run the tests from the repository root (npx pnpm@10 test), which starts one with scripts/test-services.sh.',
    );
  }
  return url;
}
