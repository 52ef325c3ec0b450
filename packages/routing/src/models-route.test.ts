import { describe, expect, it } from 'vitest';
import { httpRequest, jsonOf, setup } from './router-test-kit.js';

const get = (path: string, headers: Record<string, string> = {}) =>
  httpRequest(path, undefined, { method: 'GET', headers });

describe('router: GET /models', () => {
  it("lists the catalog with OpenRouter fields, then the providers' own models, in the OpenAI shape", async () => {
    const { gateway } = setup();
    const body = jsonOf(await gateway.handle(get('/v1/models')));
    expect(body.object).toBe('list');
    const data = body.data as Array<Record<string, unknown>>;
    expect(data[0]).toEqual({
      id: 'acme/chat',
      object: 'model',
      created: 0,
      owned_by: 'acme',
      name: 'Acme Chat',
      canonical_slug: 'acme/chat-2025',
      context_length: 128000,
      pricing: { prompt: '0.000002', completion: '0.000004' },
    });
    expect(data.map((model) => model.id)).toEqual(['acme/chat', 'mock/echo', 'primary/echo', 'backup/echo']);
  });

  it('uses the Anthropic shape when anthropic-version is sent', async () => {
    const { gateway } = setup();
    const body = jsonOf(await gateway.handle(get('/v1/models', { 'anthropic-version': '2023-06-01' })));
    expect(body).toMatchObject({ has_more: false, first_id: 'acme/chat', last_id: 'backup/echo' });
    expect((body.data as unknown[])[0]).toEqual({
      type: 'model',
      id: 'acme/chat',
      display_name: 'Acme Chat',
      created_at: '1970-01-01T00:00:00.000Z',
    });
  });

  it('answers one model by id or alias, and 404s an unknown one', async () => {
    const { gateway } = setup();
    expect(jsonOf(await gateway.handle(get('/v1/models/acme/chat')))).toMatchObject({ id: 'acme/chat' });
    expect(jsonOf(await gateway.handle(get('/v1/models/chat')))).toMatchObject({ id: 'acme/chat' });
    expect(jsonOf(await gateway.handle(get('/v1/models/mock/echo')))).toMatchObject({ id: 'mock/echo' });
    const missing = await gateway.handle(get('/v1/models/nope'));
    expect(missing.status).toBe(404);
    expect(jsonOf(missing).error).toMatchObject({ code: 'model_not_found' });
  });

  it("leaves core's models list alone when modelsRoute is false", async () => {
    const { gateway } = setup({ modelsRoute: false });
    const data = jsonOf(await gateway.handle(get('/v1/models'))).data as Array<{ id: string }>;
    expect(data.map((model) => model.id)).not.toContain('acme/chat');
  });
});
