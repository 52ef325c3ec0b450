import { describe, expect, it } from 'vitest';
import { Cooldown } from './cooldown.js';
import { MemoryCooldownStore } from './cooldown-store.js';
import type { PlanEntry } from './plan.js';
import { attemptSummary, chat, httpRequest, manualClock, setup } from './router-test-kit.js';
import type { CooldownState } from './cooldown-store.js';
import { clearSchedule, schedule } from './schedule.js';

const entry = (provider: string): PlanEntry => ({
  model: 'm',
  canonicalSlug: 'm',
  provider,
  providerModelId: 'x',
  credentialType: 'system',
  prices: {},
  key: `${provider}/x`,
});

describe('schedule', () => {
  it('skips open entries, keeps half-open ones, and tries all when all are open', async () => {
    const clock = manualClock();
    const cooldown = new Cooldown({
      store: new MemoryCooldownStore({ clock }),
      clock,
      threshold: 1,
      cooldownMs: 100,
    });
    await cooldown.failure('a/x');
    const plan = [entry('a'), entry('b')];
    const first = await schedule(plan, cooldown);
    expect(first.entries.map((item) => item.entry.provider)).toEqual(['b']);
    expect(first.skipped.map((item) => item.provider)).toEqual(['a']);
    await cooldown.failure('b/x');
    const all = await schedule(plan, cooldown);
    expect(all).toMatchObject({ force: true, skipped: [] });
    expect(all.entries).toHaveLength(2);
    clock.time += 100;
    const later = await schedule(plan, cooldown);
    expect(later.entries.map((item) => [item.entry.provider, item.status, item.tracked])).toEqual([
      ['a', 'half-open', true],
      ['b', 'half-open', true],
    ]);
    expect((await schedule(plan, undefined)).entries.map((item) => item.status)).toEqual([
      'closed',
      'closed',
    ]);
  });
});

describe('schedule: fast path', () => {
  const clock = manualClock();
  const plan = [entry('a'), entry('b')];

  it('answers synchronously with the given clear schedule while the cooldown knows no entry', () => {
    const cooldown = new Cooldown({ store: new MemoryCooldownStore({ clock }), clock });
    const clear = clearSchedule(plan);
    expect(schedule(plan, cooldown, clear)).toBe(clear);
    expect(schedule(plan, undefined, clear)).toBe(clear);
    expect(schedule(plan, cooldown)).toEqual(clear);
  });

  it('reads each entry once and keeps tracked entries tracked (a success must clear them)', async () => {
    const store = new MemoryCooldownStore({ clock });
    const cooldown = new Cooldown({ store, clock, threshold: 3 });
    await cooldown.failure('b/x');
    const clear = clearSchedule(plan);
    const result = schedule(plan, cooldown, clear);
    expect(result).not.toBe(clear);
    expect(result).toEqual({
      entries: [
        { entry: plan[0], status: 'closed', tracked: false },
        { entry: plan[1], status: 'closed', tracked: true },
      ],
      skipped: [],
      force: false,
    });
  });

  it('works with a store that answers with promises', async () => {
    const states = new Map<string, CooldownState>([['b/x', { failures: 1, openUntil: clock.now() + 1000 }]]);
    const reads: string[] = [];
    const cooldown = new Cooldown({
      clock,
      store: {
        get: async (key) => {
          reads.push(key);
          return states.get(key);
        },
        set: async () => {},
        delete: async () => {},
      },
    });
    const result = schedule(plan, cooldown, clearSchedule(plan));
    expect(result).toBeInstanceOf(Promise);
    const awaited = await result;
    expect(awaited.entries.map((item) => item.entry.provider)).toEqual(['a']);
    expect(awaited.skipped.map((item) => item.provider)).toEqual(['b']);
    expect(reads).toEqual(['a/x', 'b/x']);
  });
});

describe('router: cooldown', () => {
  it('skips a provider that keeps failing, then probes it again after the cooldown', async () => {
    const clock = manualClock();
    const { gateway, seen } = setup({
      clock,
      retries: 0,
      cooldown: { threshold: 2, cooldownMs: 30_000 },
      catalog: { models: [{ id: 'x', providers: ['primary/echo:flaky-500-3', 'backup/echo'] }] },
    });
    const send = async () => {
      const response = await gateway.handle(httpRequest('/v1/chat/completions', chat('x')));
      expect(response.status).toBe(200);
      return attemptSummary(seen.context);
    };
    expect(await send()).toEqual(['primary:echo:flaky-500-3:500', 'backup:echo:200']);
    expect(await send()).toEqual(['primary:echo:flaky-500-3:500', 'backup:echo:200']);
    // Two failures in a row: primary is cooling down and skipped.
    expect(await send()).toEqual(['backup:echo:200']);
    expect(seen.context?.routing?.planningReasoning).toContain(
      'Cooling down, skipped: primary/echo:flaky-500-3.',
    );
    clock.time += 30_000;
    // Half-open: one probe, which fails (third flaky failure) and reopens it.
    expect(await send()).toEqual(['primary:echo:flaky-500-3:500', 'backup:echo:200']);
    expect(await send()).toEqual(['backup:echo:200']);
    clock.time += 30_000;
    // The probe succeeds and closes it.
    expect(await send()).toEqual(['primary:echo:flaky-500-3:200']);
    expect(await send()).toEqual(['primary:echo:flaky-500-3:200']);
  });

  it('tries cooling providers anyway when every one is cooling down', async () => {
    const clock = manualClock();
    const { gateway, seen } = setup({ clock, retries: 0, cooldown: { threshold: 1 } });
    await gateway.handle(httpRequest('/v1/chat/completions', chat('mock/echo:flaky-503-1')));
    const response = await gateway.handle(httpRequest('/v1/chat/completions', chat('mock/echo:flaky-503-1')));
    expect(response.status).toBe(200);
    expect(attemptSummary(seen.context)).toEqual(['mock:echo:flaky-503-1:200']);
    expect(seen.context?.routing?.planningReasoning).toContain(
      'Every provider is cooling down: trying them anyway.',
    );
  });

  it('can be turned off', async () => {
    const { gateway, seen } = setup({ retries: 0, cooldown: false });
    for (let index = 0; index < 4; index += 1) {
      await gateway.handle(
        httpRequest('/v1/chat/completions', chat('mock/echo:status-500', { models: ['mock/echo'] })),
      );
    }
    expect(attemptSummary(seen.context)).toEqual(['mock:echo:status-500:500', 'mock:echo:200']);
  });
});
