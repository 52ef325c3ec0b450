import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../openai/openai-server.js';
import { planFaults } from './fault-plan.js';
import type { FakeUpstream } from './fake-upstream.js';

let upstream: FakeUpstream;
beforeEach(async () => {
  upstream ??= await startFakeOpenAI();
  upstream.reset();
});
afterAll(() => upstream.close());

function post(model: string, signal?: AbortSignal) {
  return fetch(`${upstream.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
    ...(signal && { signal }),
  });
}

async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('planFaults', () => {
  it('strips directives from the model and lets the override win', () => {
    expect(planFaults('gpt-4o:status-500:delay-5', { status: 429 })).toEqual({
      modelId: 'gpt-4o:status-500:delay-5',
      model: 'gpt-4o',
      faults: { status: 429, delayMs: 5 },
    });
    expect(planFaults(undefined, undefined)).toEqual({ modelId: '', model: '', faults: {} });
  });
});

describe('leading faults', () => {
  it('answers a status with the retry-after header, in the provider error shape', async () => {
    const response = await post('gpt-4o-mini:status-429:retry-after-1');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await response.json()).toMatchObject({ error: { type: 'requests', code: 'rate_limit_exceeded' } });
    const server = await post('gpt-4o-mini:status-500');
    expect(server.status).toBe(500);
    expect(await server.json()).toMatchObject({ error: { type: 'server_error' } });
  });

  it('fails a flaky model only the first n times', async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      statuses.push((await post('gpt-4o-mini:flaky-503-2')).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('delays the answer', async () => {
    const start = performance.now();
    const response = await post('gpt-4o-mini:delay-60');
    expect(response.status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(55);
  });

  it('hangs until the client aborts, and counts the abort', async () => {
    const controller = new AbortController();
    const pending = post('gpt-4o-mini:hang', controller.signal);
    await until(() => upstream.counters.inFlight === 1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await until(() => upstream.counters.aborted === 1);
    expect(upstream.counters.inFlight).toBe(0);
  });

  it('resets the connection without an answer', async () => {
    await expect(post('gpt-4o-mini:reset')).rejects.toThrow(/fetch failed/);
    expect(upstream.counters.aborted).toBe(0);
  });

  it('applies the override to every request until removed', async () => {
    upstream.setFault({ status: 529 });
    expect((await post('gpt-4o-mini')).status).toBe(529);
    upstream.setFault(undefined);
    const response = await post('gpt-4o-mini');
    expect(await response.json()).toMatchObject({ model: 'gpt-4o-mini' });
  });
});
