import type { HttpClient } from '@signalbox/provider-utils';
import { createOpenAICompatible } from './create-openai-compatible.js';
import { type OpenAICompatiblePreset, type OpenAIPresetName, openaiPresets } from './presets.js';
import type { OpenAIProvider } from './openai-provider.js';

/** Whether the environment enables a preset: its key variable (hosted) or base URL variable (local). */
export function isPresetEnabled(
  preset: OpenAICompatiblePreset,
  env: Record<string, string | undefined>,
): boolean {
  if (preset.requiresApiKey) return Boolean(preset.apiKeyEnv && env[preset.apiKeyEnv]);
  return Boolean(env[preset.baseURLEnv]);
}

/**
 * The adapters of every preset the environment enables: hosted servers by their key variable
 * (`GROQ_API_KEY`, `TOGETHER_API_KEY`, `FIREWORKS_API_KEY`, `DEEPSEEK_API_KEY`,
 * `MISTRAL_API_KEY`, `XAI_API_KEY`, `PERPLEXITY_API_KEY`, `OPENROUTER_API_KEY`), local ones by
 * their base URL variable (`OLLAMA_BASE_URL`, `VLLM_BASE_URL`, `LMSTUDIO_BASE_URL`). Each
 * preset's `*_BASE_URL` variable overrides its base URL.
 *
 * @example
 * const gateway = createGateway({ providers: [...openaiPresetsFromEnv()], use: [router()] });
 */
export function openaiPresetsFromEnv(
  env: Record<string, string | undefined> = process.env,
  options: { httpClient?: HttpClient; only?: OpenAIPresetName[] } = {},
): OpenAIProvider[] {
  const names = options.only ?? (Object.keys(openaiPresets) as OpenAIPresetName[]);
  return names
    .filter((name) => isPresetEnabled(openaiPresets[name], env))
    .map((name) =>
      createOpenAICompatible(name, { env, ...(options.httpClient && { httpClient: options.httpClient }) }),
    );
}
