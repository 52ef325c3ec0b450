import { describe, expect, it } from 'vitest';
import { isPresetEnabled, openaiPresetsFromEnv } from './openai-presets-from-env.js';
import { openaiPresets } from './presets.js';

describe('openaiPresetsFromEnv', () => {
  it('enables hosted presets by their key variable and local ones by their base URL variable', () => {
    const adapters = openaiPresetsFromEnv({
      GROQ_API_KEY: 'gsk',
      OPENROUTER_API_KEY: 'or',
      OLLAMA_BASE_URL: 'http://127.0.0.1:11434',
      LMSTUDIO_BASE_URL: '',
      VLLM_API_KEY: 'only a key, no base URL',
    });
    expect(adapters.map((adapter) => adapter.name)).toEqual(['groq', 'openrouter', 'ollama']);
    expect(adapters[2]?.baseURL).toBe('http://127.0.0.1:11434/v1');
  });

  it('each preset is enabled by its documented variable', () => {
    const variables = Object.fromEntries(
      Object.values(openaiPresets).map((preset) => [
        preset.name,
        preset.requiresApiKey ? preset.apiKeyEnv : preset.baseURLEnv,
      ]),
    );
    expect(variables).toEqual({
      groq: 'GROQ_API_KEY',
      together: 'TOGETHER_API_KEY',
      fireworks: 'FIREWORKS_API_KEY',
      deepseek: 'DEEPSEEK_API_KEY',
      mistral: 'MISTRAL_API_KEY',
      xai: 'XAI_API_KEY',
      perplexity: 'PERPLEXITY_API_KEY',
      openrouter: 'OPENROUTER_API_KEY',
      ollama: 'OLLAMA_BASE_URL',
      vllm: 'VLLM_BASE_URL',
      lmstudio: 'LMSTUDIO_BASE_URL',
    });
    expect(isPresetEnabled(openaiPresets.xai, { XAI_API_KEY: 'x' })).toBe(true);
    expect(isPresetEnabled(openaiPresets.xai, {})).toBe(false);
  });

  it('can be limited to some presets', () => {
    expect(
      openaiPresetsFromEnv({ GROQ_API_KEY: 'g', XAI_API_KEY: 'x' }, { only: ['xai'] }).map(
        (adapter) => adapter.name,
      ),
    ).toEqual(['xai']);
  });
});
