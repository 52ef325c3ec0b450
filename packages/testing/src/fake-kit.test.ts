import { describe, expect, it } from 'vitest';
import * as upstreams from './upstreams.js';

describe('fake kit', () => {
  it('is exported from the upstreams entry point', () => {
    for (const name of ['startFakeServer', 'planFaults', 'applyLeadingFaults', 'decideReply', 'parseFaults'])
      expect(typeof (upstreams as Record<string, unknown>)[name]).toBe('function');
  });

  it('plans faults from a model id with the override on top', () => {
    const plan = upstreams.planFaults('model:status-429:retry-after-2', { delayMs: 5 });
    expect(plan).toEqual({
      modelId: 'model:status-429:retry-after-2',
      model: 'model',
      faults: { status: 429, retryAfter: 2, delayMs: 5 },
    });
  });
});
