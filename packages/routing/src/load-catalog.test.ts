import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog, parseCatalog } from './load-catalog.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

describe('loadCatalog', () => {
  it('reads YAML and JSON files into the same catalog', () => {
    for (const name of ['catalog.yaml', 'catalog.json']) {
      const model = loadCatalog(fixture(name)).find('chat');
      expect(model?.id).toBe('acme/chat');
      expect(model?.offers.map((offer) => offer.provider)).toEqual(['primary', 'backup']);
    }
    expect(loadCatalog(fixture('catalog.yaml')).find('acme/chat')).toMatchObject({
      canonicalSlug: 'acme/chat-2025',
      contextLength: 128000,
      pricing: { prompt: '0.000001', completion: '0.000002' },
    });
  });

  it('names the file and the bad entry', () => {
    const path = fixture('catalog-bad.yaml');
    expect(() => loadCatalog(path)).toThrow(
      `router catalog ${path}: models[0] ('acme/chat').providers[0].model`,
    );
    expect(() => loadCatalog(fixture('missing.yaml'))).toThrow('router catalog: cannot read');
    expect(() => parseCatalog('{ "models": [', 'json', 'inline')).toThrow(
      'router catalog inline: invalid JSON',
    );
  });
});
