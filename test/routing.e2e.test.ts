import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, type Endpoint, routingOf } from './helpers/ask.js';
import { FRAMEWORKS, startExample } from './helpers/start.js';

const ENDPOINTS: Endpoint[] = ['openai', 'anthropic'];
const MODES = [
  ['plain', false],
  ['stream', true],
] as const;
let unique = 0;
/** A fresh model id each time, so flaky counters and cooldowns of one test do not leak into another. */
const fresh = (model: string) => `${model}:t${process.pid}-${++unique}`;

describe.each(FRAMEWORKS)('routing and fallback through the example gateway on %s', (framework) => {
  let gateway: Awaited<ReturnType<typeof startExample>>;
  beforeAll(async () => {
    gateway = await startExample(framework, {
      SIGNALBOX_FIRST_TOKEN_TIMEOUT_MS: '400',
      SIGNALBOX_COOLDOWN_MS: '600',
    });
  });
  afterAll(() => gateway.close());

  describe.each(ENDPOINTS)('%s endpoint', (endpoint) => {
    it.each(MODES)(
      '%s: a 500 on the first model falls back to the second, with both in modelAttempts',
      async (_mode, stream) => {
        const answer = await ask(gateway.url, endpoint, stream, {
          model: fresh('mock/echo:status-500'),
          text: 'fall back please',
          extra: { models: ['mock-backup/echo'] },
        });
        expect(answer.status).toBe(200);
        expect(answer.text).toBe('echo: fall back please');
        const routing = routingOf(answer);
        expect(routing.finalProvider).toBe('mock-backup');
        expect(routing.modelAttemptCount).toBe(2);
        expect(routing.modelAttempts?.map((attempt) => attempt.success)).toEqual([false, true]);
        expect(routing.modelAttempts?.[0]?.providerAttempts[0]?.statusCode).toBe(500);
        expect(answer.headers?.get('x-signalbox-provider')).toBe('mock-backup');
      },
    );

    it.each(MODES)('%s: a 429 with Retry-After is retried and succeeds', async (_mode, stream) => {
      const started = Date.now();
      const answer = await ask(gateway.url, endpoint, stream, {
        model: fresh('mock/echo:flaky-429-1:retry-after-1'),
        text: 'retry me',
      });
      expect(answer.status).toBe(200);
      expect(answer.text).toBe('echo: retry me');
      expect(routingOf(answer).totalProviderAttemptCount).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900); // waited for Retry-After (a bound, not a timing)
    });

    it('stream: a hang past the first-token timeout falls back', async () => {
      const answer = await ask(gateway.url, endpoint, true, {
        model: fresh('mock/echo:hang'),
        text: 'hung',
        extra: { models: ['mock-backup/echo'] },
      });
      expect(answer.status).toBe(200);
      expect(answer.text).toBe('echo: hung');
      expect(routingOf(answer).modelAttempts?.[0]?.success).toBe(false);
    });

    it('plain: a hang past the Vercel providerTimeouts falls back', async () => {
      const answer = await ask(gateway.url, endpoint, false, {
        model: fresh('mock/echo:hang'),
        text: 'timed',
        extra: {
          models: ['mock-backup/echo'],
          providerOptions: { gateway: { providerTimeouts: { system: { mock: 300 } } } },
        },
      });
      expect(answer.status).toBe(200);
      expect(answer.text).toBe('echo: timed');
      expect(routingOf(answer).modelAttempts?.[0]?.success).toBe(false);
    });

    it('allow_fallbacks: false stops at the first provider', async () => {
      const answer = await ask(gateway.url, endpoint, false, {
        model: 'signalbox/echo',
        text: 'no fallback',
        extra: { provider: { order: ['mock-backup', 'mock'], allow_fallbacks: false } },
      });
      expect(answer.status).toBe(200);
      expect(routingOf(answer).finalProvider).toBe('mock-backup');
      expect(routingOf(answer).totalProviderAttemptCount).toBe(1);
    });

    it('only, ignore and order are obeyed in both hosted styles', async () => {
      const only = await ask(gateway.url, endpoint, false, {
        model: 'signalbox/echo',
        text: 'x',
        extra: { provider: { only: ['mock-backup'] } },
      });
      expect(routingOf(only).finalProvider).toBe('mock-backup');
      const ignore = await ask(gateway.url, endpoint, false, {
        model: 'signalbox/echo',
        text: 'x',
        extra: { provider: { ignore: ['mock'] } },
      });
      expect(routingOf(ignore).finalProvider).toBe('mock-backup');
      const vercel = await ask(gateway.url, endpoint, false, {
        model: 'signalbox/echo',
        text: 'x',
        extra: { providerOptions: { gateway: { order: ['mock-backup', 'mock'] } } },
      });
      expect(routingOf(vercel).finalProvider).toBe('mock-backup');
    });

    it('invalid routing options are a 400 naming the field', async () => {
      const answer = await ask(gateway.url, endpoint, false, {
        model: 'signalbox/echo',
        text: 'x',
        extra: { provider: { order: [42] } },
      });
      expect(answer.status).toBe(400);
      expect(answer.error?.message).toContain('provider.order[0]');
    });

    it('stream: a drop after the first token ends with a proper error event, not a torn connection', async () => {
      const answer = await ask(gateway.url, endpoint, true, {
        model: fresh('mock/echo:drop-2'),
        text: 'one two three four five',
        extra: { models: ['mock-backup/echo'] },
      });
      expect(answer.status).toBe(200);
      expect(answer.text.length).toBeGreaterThan(0);
      expect(answer.streamError).toBeDefined();
    });

    it('all attempts failing returns a real status, with the attempts listed', async () => {
      const answer = await ask(gateway.url, endpoint, false, {
        model: fresh('mock/echo:status-503'),
        text: 'x',
        extra: { models: [fresh('mock-backup/echo:status-503')] },
      });
      expect(answer.status).toBe(503);
      expect(answer.error?.message).toMatch(/mock.*503/s);
      expect(answer.headers?.get('x-signalbox-attempts')).toBe('4');
    });
  });

  it('cools a failing provider down, skips it, then probes it again', async () => {
    const failing = fresh('mock/echo:status-500');
    const request = () =>
      ask(gateway.url, 'openai', false, {
        model: failing,
        text: 'cool',
        extra: { models: ['mock-backup/echo'] },
      });
    // Two requests x two attempts reach the failure threshold (3 in a row).
    await request();
    await request();
    const skipped = await request();
    expect(skipped.status).toBe(200);
    expect(routingOf(skipped).modelAttempts?.map((attempt) => attempt.providerAttempts[0]?.provider)).toEqual(
      ['mock-backup'],
    );
    await new Promise((resolve) => setTimeout(resolve, 700)); // past SIGNALBOX_COOLDOWN_MS
    const probed = await request();
    expect(routingOf(probed).modelAttempts?.[0]?.providerAttempts[0]?.provider).toBe('mock');
  });
});
