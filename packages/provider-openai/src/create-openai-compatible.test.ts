import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderCall } from '@signalbox/core';
import { collectStream, type FakeUpstream, startFakeOpenAI, textOf } from '@signalbox/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAICompatible, normalizePresetBaseURL } from './create-openai-compatible.js';
import { type OpenAIPresetName, openaiPresets } from './presets.js';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeOpenAI({ apiKey: 'sk-test' });
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

function call(modelId: string, stream = false): ProviderCall {
  return {
    modelId,
    signal: new AbortController().signal,
    request: {
      model: modelId,
      stream,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello preset' }] }],
    },
  };
}

const hosted = [
  'groq',
  'together',
  'fireworks',
  'deepseek',
  'mistral',
  'xai',
  'perplexity',
  'openrouter',
] as const;
const defaults: Record<OpenAIPresetName, string> = {
  groq: 'https://api.groq.com/openai/v1',
  together: 'https://api.together.xyz/v1',
  fireworks: 'https://api.fireworks.ai/inference/v1',
  deepseek: 'https://api.deepseek.com/v1',
  mistral: 'https://api.mistral.ai/v1',
  xai: 'https://api.x.ai/v1',
  perplexity: 'https://api.perplexity.ai',
  openrouter: 'https://openrouter.ai/api/v1',
  ollama: 'http://127.0.0.1:11434/v1',
  vllm: 'http://127.0.0.1:8000/v1',
  lmstudio: 'http://127.0.0.1:1234/v1',
};

describe('createOpenAICompatible', () => {
  it.each(Object.entries(defaults))('%s: default base URL %s', (name, baseURL) => {
    const adapter = createOpenAICompatible(name as OpenAIPresetName, { apiKey: 'key', env: {} });
    expect([adapter.name, adapter.baseURL, adapter.format]).toEqual([name, baseURL, 'openai']);
  });

  it.each(hosted)(
    '%s: POSTs {baseURL}/chat/completions with its Bearer key, read from its variable',
    async (name) => {
      const preset = openaiPresets[name];
      const adapter = createOpenAICompatible(name, {
        env: { [preset.apiKeyEnv]: 'sk-test', [preset.baseURLEnv]: upstream.baseURL },
      });
      const result = await adapter.generate(call(preset.exampleModel));
      expect(textOf(result.content)).toBe('echo: Hello preset');
      const sent = upstream.requests[0];
      expect(sent?.path).toBe('/v1/chat/completions');
      expect(sent?.headers.authorization).toBe('Bearer sk-test');
      expect(sent?.body).toMatchObject({ model: preset.exampleModel });
      const parts = await collectStream((await adapter.stream(call(preset.exampleModel, true))).stream);
      expect(textOf(parts)).toBe('echo: Hello preset');
      await adapter.close();
    },
  );

  it('mistral: streams without stream_options', async () => {
    const adapter = createOpenAICompatible('mistral', { apiKey: 'sk-test', baseURL: upstream.baseURL });
    await collectStream((await adapter.stream(call('mistral-small-latest', true))).stream);
    expect(upstream.requests[0]?.body).not.toHaveProperty('stream_options');
    await adapter.close();
  });

  it('openrouter: sends HTTP-Referer and X-Title', async () => {
    const adapter = createOpenAICompatible('openrouter', {
      apiKey: 'sk-test',
      baseURL: upstream.baseURL,
      appUrl: 'https://app.example.com',
      appName: 'Example App',
    });
    await adapter.generate(call('openai/gpt-4o-mini'));
    expect(upstream.requests[0]?.headers).toMatchObject({
      'http-referer': 'https://app.example.com',
      'x-title': 'Example App',
    });
    await adapter.close();
    expect(() => createOpenAICompatible('groq', { apiKey: 'k', appName: 'x' })).toThrow(
      /only for OpenRouter/,
    );
  });

  it('a hosted preset without a key is a TypeError naming its variable', () => {
    expect(() => createOpenAICompatible('groq', { env: {} })).toThrow(
      'no API key (pass apiKey or set GROQ_API_KEY)',
    );
    expect(() => createOpenAICompatible('nope' as OpenAIPresetName)).toThrow(/unknown preset 'nope'/);
  });

  describe('local servers', () => {
    let seen: Array<{ url: string; authorization: string | undefined }> = [];
    const server = createServer((request, response) => {
      seen.push({ url: request.url ?? '', authorization: request.headers.authorization });
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            id: 'chatcmpl-local',
            object: 'chat.completion',
            created: 1,
            model: 'llama3.2',
            choices: [
              { index: 0, message: { role: 'assistant', content: 'local answer' }, finish_reason: 'stop' },
            ],
            usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
          }),
        );
      });
    });
    let root = '';
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    beforeEach(() => {
      seen = [];
    });

    it.each(['ollama', 'lmstudio', 'vllm'] as const)(
      '%s: keyless, its base URL variable (host:port gets /v1)',
      async (name) => {
        const adapter = createOpenAICompatible(name, { env: { [openaiPresets[name].baseURLEnv]: root } });
        expect(adapter.baseURL).toBe(`${root}/v1`);
        expect(textOf((await adapter.generate(call('llama3.2'))).content)).toBe('local answer');
        expect(seen).toEqual([{ url: '/v1/chat/completions', authorization: undefined }]);
        await adapter.close();
      },
    );

    it('vllm: sends VLLM_API_KEY when the server was started with one', async () => {
      const adapter = createOpenAICompatible('vllm', {
        env: { VLLM_BASE_URL: `${root}/v1`, VLLM_API_KEY: 'vllm-key' },
      });
      await adapter.generate(call('meta-llama/Llama-3.1-8B-Instruct'));
      expect(seen[0]?.authorization).toBe('Bearer vllm-key');
      await adapter.close();
    });
  });
});

describe('normalizePresetBaseURL', () => {
  it('adds /v1 to a bare host, keeps a path', () => {
    expect(normalizePresetBaseURL('http://localhost:11434')).toBe('http://localhost:11434/v1');
    expect(normalizePresetBaseURL('http://localhost:11434/')).toBe('http://localhost:11434/v1');
    expect(normalizePresetBaseURL('http://gpu:8000/v1/')).toBe('http://gpu:8000/v1');
  });
});
