import { type RunningGateway, startGateway } from '@signalbox/example-gateway';
import type { MockProvider } from '@signalbox/provider-mock';

export const TEST_KEY = 'sk-sb-e2e-test-key-0001';
export const FRAMEWORKS = ['express', 'koa'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** Starts the example gateway in this process on a free port, with a known key. */
export async function startExample(
  framework: Framework,
  env: Record<string, string | undefined> = {},
): Promise<RunningGateway & { mock: MockProvider }> {
  const running = await startGateway({
    HOST: '127.0.0.1',
    PORT: '0',
    SIGNALBOX_FRAMEWORK: framework,
    SIGNALBOX_API_KEYS: TEST_KEY,
    SIGNALBOX_BODY_LIMIT: '1mb',
    ...env,
  });
  return Object.assign(running, { mock: running.gateway.providers.get('mock') as MockProvider });
}

/** Polls until `check` is true or the time runs out (for effects that settle asynchronously). */
export async function eventually(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A 1x1 PNG as base64. */
export const PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
