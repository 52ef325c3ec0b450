import type { ProviderAdapter } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog.js';
import { buildPlan } from './plan.js';
import { PlanCache } from './plan-cache.js';
import { ProviderStats } from './provider-stats.js';
import { fallbacksOf, routingInfo, routingInfoFrom } from './routing-info.js';

const providers = new Map<string, ProviderAdapter>(
  ['a', 'b'].map((name) => [name, createMockProvider({ name })]),
);
const catalog = createCatalog({
  models: [
    { id: 'm1', aliases: ['one'], providers: ['a/a-1', 'b/b-1'] },
    { id: 'm2', providers: ['b/b-2'] },
  ],
});
const plan = buildPlan({
  catalog,
  providers,
  request: { model: 'one', stream: false, messages: [] },
  stats: new ProviderStats(),
  preferences: { models: ['one'], allowFallbacks: true, requireParameters: false },
});

describe('routingInfoFrom', () => {
  it('has the fields and values routingInfo has for the same plan', () => {
    const cached = new PlanCache(catalog).add(providers, 'one', undefined, plan);
    const fromCache = routingInfoFrom('one', cached);
    const direct = routingInfo('one', catalog, plan, [], false);
    expect(fromCache).toEqual({ ...direct });
    expect(Object.keys(fromCache)).toEqual(Object.keys(direct));
    expect(JSON.stringify(fromCache)).toBe(JSON.stringify(direct));
  });

  it('gives every request its own arrays and plan entries', () => {
    const cached = new PlanCache(catalog).add(providers, 'one', undefined, plan);
    const first = routingInfoFrom('one', cached);
    first.plan[0]!.provider = 'changed';
    first.plan.pop();
    first.fallbacksAvailable.push('changed');
    const second = routingInfoFrom('one', cached);
    expect(second.plan.map((entry) => entry.provider)).toEqual(['a', 'b']);
    expect(second.fallbacksAvailable).toEqual(['b']);
  });
});

describe('fallbacksOf', () => {
  it('lists the providers after the first one of the primary model only', () => {
    const entries = buildPlan({
      catalog,
      providers,
      request: { model: 'm1', stream: false, messages: [] },
      stats: new ProviderStats(),
      preferences: { models: ['m1', 'm2'], allowFallbacks: true, requireParameters: false },
    });
    expect(fallbacksOf(entries, 'm1')).toEqual(['b']);
    expect(fallbacksOf(entries, 'm2')).toEqual([]);
  });
});
