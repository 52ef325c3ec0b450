import { defineMiddleware, type GatewayContext } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { chat, httpRequest, setup } from './router-test-kit.js';

/** `ctx.routing` as other middlewares see it (own enumerable fields, the reasoning read). */
function routingOf(context: GatewayContext | undefined) {
  return JSON.parse(JSON.stringify(context?.routing));
}

describe('router: cached plans of requests without routing options', () => {
  it('sets the same ctx.routing as a request planned in full', async () => {
    const { gateway, seen } = setup({ retries: 0 });
    const results = [];
    // `provider: {}` is a routing option with only defaults: planned in full, same plan.
    for (const fields of [{}, {}, { provider: {} }]) {
      const response = await gateway.handle(httpRequest('/v1/chat/completions', chat('chat', fields)));
      expect(response.status).toBe(200);
      results.push(routingOf(seen.context));
    }
    expect(results[0]).toEqual({
      originalModelId: 'chat',
      canonicalSlug: 'acme/chat-2025',
      plan: [
        { model: 'acme/chat', canonicalSlug: 'acme/chat-2025', provider: 'primary', providerModelId: 'echo' },
        { model: 'acme/chat', canonicalSlug: 'acme/chat-2025', provider: 'backup', providerModelId: 'echo' },
      ],
      fallbacksAvailable: ['backup'],
      planningReasoning:
        'System credentials planned for: primary, backup. Total execution order: primary(system) → backup(system)',
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('gives each request its own ctx.routing: a middleware changing it changes no other request', async () => {
    const recorded: unknown[] = [];
    const vandal = defineMiddleware('vandal', async (context: GatewayContext, next) => {
      await next();
      recorded.push(routingOf(context));
      const routing = context.routing;
      if (!routing) return;
      (routing.plan[0] as { provider: string }).provider = 'changed';
      routing.plan.pop();
      routing.fallbacksAvailable.push('nobody');
      routing.planningReasoning = 'changed';
      expect(routing.planningReasoning).toBe('changed');
    });
    const { gateway } = setup({ retries: 0 }, [vandal]);
    await gateway.handle(httpRequest('/v1/chat/completions', chat('chat')));
    await gateway.handle(httpRequest('/v1/chat/completions', chat('chat')));
    expect(recorded).toHaveLength(2);
    expect(recorded[1]).toEqual(recorded[0]);
  });

  it('plans by the preferred provider and by BYOK keys, without mixing the cached plans', async () => {
    const prefer = defineMiddleware('prefer', async (context: GatewayContext, next) => {
      const wanted = context.http.headers['x-prefer'];
      if (typeof wanted === 'string') context.preferredProvider = wanted;
      await next();
    });
    const { gateway, seen } = setup({ retries: 0 }, [prefer]);
    const order = async (headers: Record<string, string>, extra = {}) => {
      const response = await gateway.handle(
        httpRequest('/v1/chat/completions', chat('chat'), { headers, ...extra }),
      );
      expect(response.status).toBe(200);
      return seen.context?.routing?.planningReasoning;
    };
    const plain =
      'System credentials planned for: primary, backup. Total execution order: primary(system) → backup(system)';
    expect(await order({})).toBe(plain);
    expect(await order({ 'x-prefer': 'backup' })).toBe(
      'System credentials planned for: backup, primary. Total execution order: backup(system) → primary(system)',
    );
    expect(await order({})).toBe(plain);
    const byok = { principal: { id: 'u1', kind: 'user', providerKeys: { primary: 'sk-own' } } };
    expect(await order({}, byok)).toBe(
      'BYOK credentials planned for: primary. System credentials planned for: backup. Total execution order: primary(byok) → backup(system)',
    );
    expect(await order({})).toBe(plain);
  });

  it('still answers 404 for an unknown model, every time', async () => {
    const { gateway } = setup({ retries: 0 });
    for (let index = 0; index < 2; index += 1) {
      const response = await gateway.handle(httpRequest('/v1/chat/completions', chat('nope/none')));
      expect(response.status).toBe(404);
    }
  });
});
