import { describe, expect, it } from 'vitest';
import { router } from './router.js';
import { chat, httpRequest, jsonOf, setup } from './router-test-kit.js';

describe('router options', () => {
  it('rejects bad options at construction, naming them', () => {
    expect(() => router({ retries: -1 })).toThrow('router: invalid option retries');
    expect(() => router({ cooldown: { store: {} as never } })).toThrow(
      'expected a store with get, set and delete',
    );
    expect(() => router({ unknown: 1 } as never)).toThrow('router: invalid option');
    expect(() => router({ catalog: { models: [{ id: 'x', providers: [] }] } })).toThrow(
      "router catalog: models[0] ('x').providers: list at least one provider",
    );
  });

  it('checks the catalog against the given provider names at construction', () => {
    expect(() =>
      router({ providers: ['a'], catalog: { models: [{ id: 'x', providers: ['a/m', 'ghost/m'] }] } }),
    ).toThrow("router: the catalog names unknown providers: 'ghost' (named by 'x')");
  });

  it('reports a catalog provider the gateway lacks on first use, naming it', async () => {
    const { gateway } = setup({ catalog: { models: [{ id: 'x', providers: ['ghost/m'] }] } });
    const response = await gateway.handle(httpRequest('/v1/chat/completions', chat('mock/echo')));
    expect(response.status).toBe(500);
    expect(jsonOf(response).error).toMatchObject({
      code: 'router_misconfigured',
      message: expect.stringContaining("'ghost' (named by 'x')"),
    });
  });

  it('loads the catalog from a file path', async () => {
    const path = new URL('./__fixtures__/catalog.yaml', import.meta.url).pathname;
    const { gateway, seen } = setup({ catalog: path });
    const response = await gateway.handle(httpRequest('/v1/chat/completions', chat('chat')));
    expect(response.status).toBe(200);
    expect(seen.context?.routing?.canonicalSlug).toBe('acme/chat-2025');
  });

  it("404s an unknown model in the endpoint's shape", async () => {
    const { gateway } = setup();
    const response = await gateway.handle(httpRequest('/v1/chat/completions', chat('nobody/model')));
    expect(response.status).toBe(404);
    expect(jsonOf(response).error).toMatchObject({ code: 'model_not_found', param: 'model' });
  });
});
