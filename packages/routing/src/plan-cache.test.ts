import type { ChatRequest, ProviderAdapter } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog.js';
import { buildPlan, planningReasoning } from './plan.js';
import { PlanCache } from './plan-cache.js';
import { ProviderStats } from './provider-stats.js';

const providers = new Map<string, ProviderAdapter>(
  ['a', 'b', 'mock'].map((name) => [name, createMockProvider({ name })]),
);
const catalog = createCatalog({
  models: [
    {
      id: 'm1',
      canonicalSlug: 'm1-2025',
      aliases: ['one'],
      providers: [
        { provider: 'a', model: 'a-1' },
        { provider: 'b', model: 'b-1' },
      ],
    },
  ],
});

function built(model: string, preferredProvider?: string) {
  const request: ChatRequest = { model, stream: false, messages: [] };
  return buildPlan({
    catalog,
    providers,
    request,
    stats: new ProviderStats(),
    preferences: { models: [model], allowFallbacks: true, requireParameters: false },
    ...(preferredProvider !== undefined && { preferredProvider }),
  });
}

describe('PlanCache', () => {
  it('keeps a plan per model and preferred provider, with what ctx.routing derives from it', () => {
    const cache = new PlanCache(catalog);
    expect(cache.get(providers, 'one', undefined)).toBeUndefined();
    const plan = built('one');
    const cached = cache.add(providers, 'one', undefined, plan);
    expect(cache.get(providers, 'one', undefined)).toBe(cached);
    expect(cached).toMatchObject({
      plan,
      canonicalSlug: 'm1-2025',
      fallbacksAvailable: ['b'],
      reasoning: planningReasoning(plan),
    });
    expect(cached.clear).toEqual({
      entries: plan.map((entry) => ({ entry, status: 'closed', tracked: false })),
      skipped: [],
      force: false,
    });
    // Another preferred provider, another plan; the plain one is untouched.
    expect(cache.get(providers, 'one', 'b')).toBeUndefined();
    const preferred = cache.add(providers, 'one', 'b', built('one', 'b'));
    expect(preferred.plan.map((entry) => entry.provider)).toEqual(['b', 'a']);
    expect(preferred.fallbacksAvailable).toEqual(['a']);
    expect(cache.get(providers, 'one', 'b')).toBe(preferred);
    expect(cache.get(providers, 'one', undefined)).toBe(cached);
  });

  it('derives a pass-through id as given', () => {
    const cache = new PlanCache(catalog);
    const cached = cache.add(providers, 'mock/echo', undefined, built('mock/echo'));
    expect(cached).toMatchObject({ canonicalSlug: 'mock/echo', fallbacksAvailable: [] });
  });

  it('keeps the plans of each provider map apart', () => {
    const cache = new PlanCache(catalog);
    const other = new Map(providers);
    cache.add(providers, 'one', undefined, built('one'));
    expect(cache.get(other, 'one', undefined)).toBeUndefined();
    expect(cache.get(providers, 'one', undefined)).toBeDefined();
  });

  it('is bounded: past maxEntries it starts over', () => {
    const cache = new PlanCache(catalog, { maxEntries: 2 });
    cache.add(providers, 'mock/a', undefined, built('mock/a'));
    cache.add(providers, 'mock/b', 'mock', built('mock/b', 'mock'));
    // Replacing a key does not count twice.
    cache.add(providers, 'mock/b', 'mock', built('mock/b', 'mock'));
    expect(cache.get(providers, 'mock/a', undefined)).toBeDefined();
    cache.add(providers, 'mock/c', undefined, built('mock/c'));
    expect(cache.get(providers, 'mock/a', undefined)).toBeUndefined();
    expect(cache.get(providers, 'mock/b', 'mock')).toBeUndefined();
    expect(cache.get(providers, 'mock/c', undefined)).toBeDefined();
  });
});
