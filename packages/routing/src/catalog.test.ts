import { describe, expect, it } from 'vitest';
import { createCatalog, missingProviders } from './catalog.js';

const definition = {
  models: [
    {
      id: 'anthropic/claude-haiku-4.5',
      name: 'Claude Haiku 4.5',
      aliases: ['haiku'],
      canonicalSlug: 'anthropic/claude-haiku-4.5-20251001',
      contextLength: 200_000,
      pricing: { prompt: '0.000001', completion: '0.000005' },
      providers: [
        { provider: 'anthropic', model: 'claude-haiku-4-5-20251001' },
        { provider: 'bedrock', model: 'anthropic.claude-haiku-4-5', pricing: { prompt: 0.0000011 } },
      ],
    },
  ],
};

describe('createCatalog', () => {
  it('indexes by id, alias and canonical slug, with each provider its own model id', () => {
    const catalog = createCatalog(definition);
    const model = catalog.find('haiku');
    expect(model?.id).toBe('anthropic/claude-haiku-4.5');
    expect(catalog.find('anthropic/claude-haiku-4.5-20251001')).toBe(model);
    expect(model?.offers.map((offer) => `${offer.provider}:${offer.model}`)).toEqual([
      'anthropic:claude-haiku-4-5-20251001',
      'bedrock:anthropic.claude-haiku-4-5',
    ]);
    expect(model?.offers[0]?.prices).toEqual({ prompt: 0.000001, completion: 0.000005 });
    expect(model?.offers[1]?.prices).toEqual({ prompt: 0.0000011, completion: 0.000005 });
    expect(catalog.find('unknown')).toBeUndefined();
    expect([...catalog.providerNames]).toEqual(['anthropic', 'bedrock']);
  });

  it('accepts models keyed by id, shorthand providers and snake_case spellings', () => {
    const catalog = createCatalog({
      models: {
        'acme/chat': { context_length: 8000, canonical_slug: 'acme/chat-1', providers: ['mock/echo'] },
      },
    });
    const model = catalog.find('acme/chat');
    expect(model).toMatchObject({ contextLength: 8000, canonicalSlug: 'acme/chat-1', name: 'acme/chat' });
    expect(model?.offers[0]).toMatchObject({ provider: 'mock', model: 'echo' });
  });

  it('names the bad entry and field', () => {
    expect(() =>
      createCatalog({
        models: [
          { id: 'ok', providers: ['mock/echo'] },
          { id: 'acme/chat', providers: [{ provider: 'x' }] },
        ],
      } as never),
    ).toThrow(
      "router catalog: models[1] ('acme/chat').providers[0].model: expected string, received undefined",
    );
    expect(() => createCatalog({ models: [{ id: 'a', providers: [] }] })).toThrow(
      "models[0] ('a').providers: list at least one provider",
    );
    expect(() => createCatalog({ models: [{ id: 'a', providers: ['nope'] }] })).toThrow(
      'expected "provider/model" or { provider, model }',
    );
    expect(() => createCatalog({ models: [{ id: 'a', provider: 'x' }] } as never)).toThrow("models[0] ('a')");
    expect(() => createCatalog({} as never)).toThrow('expected { models: [...] }');
  });

  it('rejects two models claiming the same id or alias', () => {
    expect(() =>
      createCatalog({
        models: [
          { id: 'a', aliases: ['fast'], providers: ['mock/echo'] },
          { id: 'b', aliases: ['fast'], providers: ['mock/echo'] },
        ],
      }),
    ).toThrow("models[1] ('b') claims 'fast', already used by model 'a'");
  });

  it('lists the providers a gateway lacks, with the models naming them', () => {
    const catalog = createCatalog(definition);
    expect(missingProviders(catalog, ['anthropic'])).toEqual([
      "'bedrock' (named by 'anthropic/claude-haiku-4.5')",
    ]);
    expect(missingProviders(catalog, ['anthropic', 'bedrock'])).toEqual([]);
  });
});
