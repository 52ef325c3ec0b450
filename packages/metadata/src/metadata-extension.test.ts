import { describe, expect, it } from 'vitest';
import { type ExtensionSettings, metadataExtension } from './metadata-extension.js';
import { source } from './test-support.js';

const all = { vercel: true, openrouter: true };

function settings(overrides: Partial<ExtensionSettings>): ExtensionSettings {
  return { styles: all, format: 'openai', streamed: false, nativeFinishReason: 'stop', ...overrides };
}

describe('metadataExtension', () => {
  it('places OpenAI fields in message, choice and body', () => {
    const extension = metadataExtension(source(), settings({}));
    expect(Object.keys(extension.message ?? {})).toEqual(['provider_metadata']);
    expect(extension.message?.provider_metadata).toMatchObject({ gateway: { generationId: 'gen_test' } });
    expect(extension.choice).toEqual({ native_finish_reason: 'stop' });
    expect(extension.body).toEqual({ provider: 'mock', model: 'mock/echo' });
    expect(extension.usage).toEqual({ is_byok: false });
  });

  it('adds a top-level generationId to OpenAI streams', () => {
    const extension = metadataExtension(source(), settings({ streamed: true }));
    expect(extension.body).toEqual({ generationId: 'gen_test', provider: 'mock', model: 'mock/echo' });
  });

  it('puts the gateway object at the top level of Anthropic messages', () => {
    const plain = metadataExtension(source(), settings({ format: 'anthropic' }));
    expect(plain.message).toBeUndefined();
    expect(plain.choice).toBeUndefined();
    expect(Object.keys(plain.body ?? {})).toEqual(['provider_metadata', 'provider', 'model']);
    const streamed = metadataExtension(source(), settings({ format: 'anthropic', streamed: true }));
    expect(Object.keys(streamed.body ?? {})).toEqual(['provider_metadata', 'provider']);
  });

  it('writes only the chosen style', () => {
    const vercel = metadataExtension(source(), settings({ styles: { vercel: true, openrouter: false } }));
    expect(vercel.body).toBeUndefined();
    expect(vercel.choice).toBeUndefined();
    expect(vercel.usage).toBeUndefined();
    const openrouter = metadataExtension(source(), settings({ styles: { vercel: false, openrouter: true } }));
    expect(openrouter.message).toBeUndefined();
    expect(openrouter.body).toEqual({ provider: 'mock', model: 'mock/echo' });
  });

  it('sends a null native_finish_reason when the provider gave none', () => {
    const extension = metadataExtension(source(), settings({ nativeFinishReason: undefined }));
    expect(extension.choice).toEqual({ native_finish_reason: null });
  });

  it('has its parts in the order body, message, choice, usage, and no empty part', () => {
    const cost = {
      total: '0.1',
      market: '0.1',
      inference: '0.1',
      input: '0.04',
      output: '0.06',
      isByok: false,
      estimated: false,
    };
    const streamed = metadataExtension(source({ cost }), settings({ streamed: true }));
    expect(Object.keys(streamed)).toEqual(['body', 'message', 'choice', 'usage']);
    expect(Object.keys(streamed.body ?? {})).toEqual(['generationId', 'provider', 'model']);
    expect(streamed.usage).toEqual({
      cost: 0.1,
      is_byok: false,
      cost_details: {
        upstream_inference_cost: 0.1,
        upstream_inference_prompt_cost: 0.04,
        upstream_inference_completions_cost: 0.06,
      },
      market_cost: 0.1,
    });
    const anthropic = metadataExtension(
      source({ resolved: undefined }),
      settings({ format: 'anthropic', streamed: true, styles: { vercel: false, openrouter: true } }),
    );
    expect(anthropic).toEqual({ usage: { is_byok: false } });
    const nothing = metadataExtension(
      source({ resolved: undefined }),
      settings({ format: 'anthropic', styles: { vercel: false, openrouter: false } }),
    );
    expect(nothing).toEqual({});
  });

  it('reports the warnings after the generation id, and only when there are some', () => {
    const warned = metadataExtension(
      source(),
      settings({ warnings: [{ type: 'other', message: 'no seed' }] }),
    );
    const gateway =
      (warned.message?.provider_metadata as { gateway: Record<string, unknown> } | undefined)?.gateway ?? {};
    expect(Object.keys(gateway).slice(-2)).toEqual(['generationId', 'warnings']);
    const quiet = metadataExtension(source(), settings({ warnings: [] }));
    expect(
      (quiet.message?.provider_metadata as { gateway: Record<string, unknown> } | undefined)?.gateway,
    ).not.toHaveProperty('warnings');
  });
});
