import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPriceCatalog, normalizeModelKey } from './price-catalog.js';

const haiku = {
  input: '0.000001',
  output: '0.000005',
  cacheRead: '0.0000001',
  cacheWrite: '0.00000125',
  cacheWrite1h: '0.000002',
};

describe('normalizeModelKey', () => {
  it.each([
    ['anthropic/claude-haiku-4.5', 'anthropic/claude-haiku-4-5'],
    ['anthropic/claude-haiku-4-5-20251001', 'anthropic/claude-haiku-4-5'],
    ['openai/gpt-4o-2024-08-06', 'openai/gpt-4o'],
    ['openai/GPT-4.1-mini', 'openai/gpt-4-1-mini'],
    ['anthropic/claude-3-5-haiku-latest', 'anthropic/claude-3-5-haiku'],
    ['mock/echo:drip-20:drop-3', 'mock/echo'],
  ])('%s -> %s', (id, key) => {
    expect(normalizeModelKey(id)).toBe(key);
  });
});

describe('createPriceCatalog', () => {
  const catalog = createPriceCatalog();

  it('finds shipped prices under every usual spelling', () => {
    for (const id of [
      'anthropic/claude-haiku-4-5',
      'anthropic/claude-haiku-4.5',
      'anthropic/claude-haiku-4-5-20251001',
    ]) {
      expect(catalog.lookup(id), id).toEqual(haiku);
    }
    expect(catalog.lookup('openai/gpt-4o-mini-2024-07-18')?.input).toBe('0.00000015');
    expect(catalog.lookup('anthropic/claude-opus-4-0')?.output).toBe('0.000075');
    expect(catalog.asOf).toBe('2025-11-24');
  });

  it('answers repeated lookups of other spellings, served models and unknown ids the same way', () => {
    const fresh = createPriceCatalog();
    const served = { provider: 'openai', providerModelId: 'gpt-4o-mini' };
    for (let round = 0; round < 3; round += 1) {
      expect(fresh.lookup('anthropic/claude-haiku-4.5')).toEqual(haiku);
      expect(fresh.lookup('fast', served)?.output).toBe('0.0000006');
      expect(fresh.lookup('fast')).toBeUndefined();
      expect(fresh.lookup('nobody/nothing')).toBeUndefined();
      expect(fresh.lookup('nobody/nothing', served)?.output).toBe('0.0000006');
      // The same characters split differently between model and served model are other lookups.
      expect(fresh.lookup('a', { provider: 'nobody', providerModelId: 'x' })).toBeUndefined();
    }
    expect(fresh.lookup('anthropic/claude-haiku-4.5')).toBe(fresh.lookup('anthropic/claude-haiku-4-5'));
  });

  it('stays right past the number of lookups it remembers', () => {
    const fresh = createPriceCatalog();
    for (let index = 0; index < 2500; index += 1) {
      expect(fresh.lookup(`openai/unknown-${index}`)).toBeUndefined();
      if (index % 500 === 0) expect(fresh.lookup('openai/gpt-4o-mini-2024-07-18')?.input).toBe('0.00000015');
    }
  });

  it('finds the price of the provider that served an alias or a catalog id', () => {
    expect(catalog.lookup('fast', { provider: 'openai', providerModelId: 'gpt-4o-mini' })?.output).toBe(
      '0.0000006',
    );
  });

  it('prices mock models with fault directives, and any mock model through the wildcard', () => {
    expect(catalog.lookup('mock/echo:drip-20')).toEqual({ input: '0.000001', output: '0.000002' });
    expect(catalog.lookup('mock/other')).toEqual({ input: '0.000001', output: '0.000002' });
  });

  it('knows nothing of unpriced models', () => {
    expect(catalog.lookup('groq/llama-3.3-70b')).toBeUndefined();
    expect(createPriceCatalog({ defaults: false }).lookup('openai/gpt-4o')).toBeUndefined();
  });

  it('code overrides replace whole entries; exact ids win over normalised ones', () => {
    const custom = createPriceCatalog({
      prices: {
        'openai/gpt-4o': { input: '0.000001', output: '0.000002' },
        'openai/gpt-4o-2024-05-13': { unit: 'million', input: '5', output: '15' },
      },
    });
    expect(custom.lookup('openai/gpt-4o')).toEqual({ input: '0.000001', output: '0.000002' });
    expect(custom.lookup('openai/gpt-4o-2024-05-13')).toEqual({ input: '0.000005', output: '0.000015' });
    expect(custom.lookup('openai/gpt-4o-2024-08-06')).toEqual({ input: '0.000001', output: '0.000002' });
  });

  it('reads a JSON price file, then code overrides it', () => {
    const directory = mkdtempSync(join(tmpdir(), 'signalbox-prices-'));
    const file = join(directory, 'prices.json');
    writeFileSync(
      file,
      JSON.stringify({
        asOf: '2026-01-01',
        prices: {
          'groq/llama-3.3-70b': { unit: 'million', input: 0.59, output: 0.79 },
          'openai/gpt-4o': { unit: 'million', input: '2', output: '8' },
        },
      }),
    );
    const fromFile = createPriceCatalog({
      file,
      prices: { 'openai/gpt-4o': { unit: 'million', input: '3', output: '9' } },
    });
    expect(fromFile.asOf).toBe('2026-01-01');
    expect(fromFile.lookup('groq/llama-3.3-70b')).toEqual({ input: '0.00000059', output: '0.00000079' });
    expect(fromFile.lookup('openai/gpt-4o')).toEqual({ input: '0.000003', output: '0.000009' });
  });

  it('refuses mistakes at start-up, naming the model and the field', () => {
    expect(() => createPriceCatalog({ prices: { 'openai/x': { input: '1', output: '-2' } } })).toThrow(
      "createPriceCatalog: invalid price for 'openai/x' at output: must not be negative",
    );
    expect(() => createPriceCatalog({ prices: { gpt: { input: '1', output: '2' } } })).toThrow(
      "price key 'gpt' must be 'provider/model'",
    );
    const directory = mkdtempSync(join(tmpdir(), 'signalbox-prices-'));
    const file = join(directory, 'bad.json');
    writeFileSync(file, JSON.stringify({ prices: { 'a/b': { input: '1' } } }));
    expect(() => createPriceCatalog({ file })).toThrow(
      `price file ${file}: invalid price for 'a/b' at output`,
    );
    writeFileSync(file, '{not json');
    expect(() => createPriceCatalog({ file })).toThrow(`price file ${file}:`);
  });
});
