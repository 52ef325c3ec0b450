import type { ChatRequest, ProviderAdapter } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog.js';
import { buildPlan, type PlanInput, planningReasoning } from './plan.js';
import { ProviderStats } from './provider-stats.js';
import type { RoutingPreferences } from './routing-preferences.js';

const providers = new Map<string, ProviderAdapter>(
  ['a', 'b', 'c', 'mock'].map((name) => [name, createMockProvider({ name })]),
);
const catalog = createCatalog({
  models: [
    {
      id: 'm1',
      providers: [
        { provider: 'a', model: 'a-1', pricing: { prompt: 3e-6, completion: 3e-6 } },
        {
          provider: 'b',
          model: 'b-1',
          pricing: { prompt: 1e-6, completion: 1e-6 },
          supportedParameters: ['temperature'],
        },
        { provider: 'c', model: 'c-1' },
      ],
    },
    { id: 'm2', providers: [{ provider: 'a', model: 'a-2', pricing: { prompt: 0.5e-6, completion: 0 } }] },
  ],
});
const request: ChatRequest = { model: 'm1', stream: false, messages: [] };

function plan(preferences: Partial<RoutingPreferences>, extra: Partial<PlanInput> = {}): string[] {
  return buildPlan({
    catalog,
    providers,
    request,
    stats: new ProviderStats(),
    preferences: { models: ['m1'], allowFallbacks: true, requireParameters: false, ...preferences },
    ...extra,
  }).map((entry) => `${entry.provider}:${entry.providerModelId}`);
}

describe('buildPlan', () => {
  it('lists the catalog providers in order, then the fallback models', () => {
    expect(plan({ models: ['m1', 'm2', 'mock/echo'] })).toEqual([
      'a:a-1',
      'b:b-1',
      'c:c-1',
      'a:a-2',
      'mock:echo',
    ]);
  });

  it('filters with only, ignore and max_price, and orders with order', () => {
    expect(plan({ only: ['b', 'c'] })).toEqual(['b:b-1', 'c:c-1']);
    expect(plan({ ignore: ['a'] })).toEqual(['b:b-1', 'c:c-1']);
    expect(plan({ order: ['c', 'b'] })).toEqual(['c:c-1', 'b:b-1', 'a:a-1']);
    // c has no price: a hard filter applies only where a price is known.
    expect(plan({ maxPrice: { prompt: 2 } })).toEqual(['b:b-1', 'c:c-1']);
  });

  it('keeps only the ordered providers, or the first one, without fallbacks', () => {
    expect(plan({ allowFallbacks: false })).toEqual(['a:a-1']);
    expect(plan({ allowFallbacks: false, order: ['c', 'b'] })).toEqual(['c:c-1', 'b:b-1']);
  });

  it('sorts by price within each model, or across models with partition none', () => {
    expect(plan({ models: ['m1', 'm2'], sort: { by: 'price', partition: 'model' } })).toEqual([
      'b:b-1',
      'a:a-1',
      'c:c-1',
      'a:a-2',
    ]);
    expect(plan({ models: ['m1', 'm2'], sort: { by: 'price', partition: 'none' } })).toEqual([
      'a:a-2',
      'b:b-1',
      'a:a-1',
      'c:c-1',
    ]);
  });

  it('sorts by measured latency and throughput, unmeasured last', () => {
    const stats = new ProviderStats();
    stats.record('c/c-1', { ttftMs: 50, tokensPerSecond: 10 });
    stats.record('b/b-1', { ttftMs: 200, tokensPerSecond: 90 });
    expect(plan({ sort: { by: 'latency', partition: 'model' } }, { stats })).toEqual([
      'c:c-1',
      'b:b-1',
      'a:a-1',
    ]);
    expect(plan({ sort: { by: 'throughput', partition: 'model' } }, { stats })).toEqual([
      'b:b-1',
      'c:c-1',
      'a:a-1',
    ]);
  });

  it('drops providers lacking a parameter the request uses, with require_parameters', () => {
    const withTools: ChatRequest = { ...request, tools: [{ type: 'function', name: 'f', inputSchema: {} }] };
    expect(plan({ requireParameters: true }, { request: withTools })).toEqual(['a:a-1', 'c:c-1']);
    expect(plan({ requireParameters: true }, { request: { ...request, temperature: 1 } })).toEqual([
      'a:a-1',
      'b:b-1',
      'c:c-1',
    ]);
  });

  it('tries the preferred provider first for the primary model, unless the request orders them', () => {
    expect(plan({ models: ['m1', 'm2'] }, { preferredProvider: 'c' })).toEqual([
      'c:c-1',
      'a:a-1',
      'b:b-1',
      'a:a-2',
    ]);
    expect(plan({ order: ['b'] }, { preferredProvider: 'c' })).toEqual(['b:b-1', 'a:a-1', 'c:c-1']);
    expect(plan({ ignore: ['c'] }, { preferredProvider: 'c' })).toEqual(['a:a-1', 'b:b-1']);
  });

  it('marks BYOK entries and their provider timeouts', () => {
    const [first] = buildPlan({
      catalog,
      providers,
      request,
      stats: new ProviderStats(),
      providerKeys: { a: 'sk-own' },
      preferences: {
        models: ['m1'],
        allowFallbacks: true,
        requireParameters: false,
        providerTimeouts: { byok: { a: 900 } },
      },
    });
    expect(first).toMatchObject({ credentialType: 'byok', firstTokenTimeoutMs: 900, key: 'a/a-1' });
  });

  it('404s an unknown model and a plan the filters emptied', () => {
    expect(() => plan({ models: ['nope'] })).toThrow(
      expect.objectContaining({ status: 404, code: 'model_not_found', param: 'model' }),
    );
    expect(() => plan({ models: ['m1', 'ghost/x'] })).toThrow(expect.objectContaining({ param: 'models' }));
    expect(() => plan({ only: ['zzz'] })).toThrow(
      expect.objectContaining({ code: 'no_providers_available' }),
    );
  });
});

describe('planningReasoning', () => {
  it('writes the Vercel-style account of the plan', () => {
    const entries = buildPlan({
      catalog,
      providers,
      request,
      stats: new ProviderStats(),
      preferences: { models: ['m1', 'm2'], allowFallbacks: true, requireParameters: false, only: ['a', 'b'] },
    });
    expect(planningReasoning(entries)).toBe(
      'System credentials planned for: a, b. Total execution order: a(system) → b(system) → m2 via a(system)',
    );
    expect(planningReasoning(entries.slice(1), entries.slice(0, 1))).toBe(
      'System credentials planned for: b, a. Cooling down, skipped: a/a-1. Total execution order: b(system) → m2 via a(system)',
    );
  });
});
