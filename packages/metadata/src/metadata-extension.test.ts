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
});
