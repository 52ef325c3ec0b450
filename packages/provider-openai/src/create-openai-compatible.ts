import {
  isOpenAIPresetName,
  type OpenAICompatiblePreset,
  type OpenAIPresetName,
  openaiPresets,
} from './presets.js';
import type { OpenAIProviderOptions } from './openai-options.js';
import { createOpenAI, type OpenAIProvider } from './openai-provider.js';
import { presetRequestBody } from './preset-request-body.js';
import { withResponseFields } from './response-fields.js';

/** Options of {@link createOpenAICompatible}: `createOpenAI`'s, plus OpenRouter's attribution. */
export interface OpenAICompatibleOptions
  extends Omit<OpenAIProviderOptions, 'transformRequestBody' | 'decodeResponse' | 'decodeStream'> {
  /** Your app's URL, sent as `HTTP-Referer` (OpenRouter's app attribution). */
  appUrl?: string;
  /** Your app's name, sent as `X-Title` (OpenRouter's app attribution). */
  appName?: string;
  /** Where the key and base URL variables are read; default `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * A base URL from a local server's variable: `http://localhost:11434` becomes
 * `http://localhost:11434/v1` (the OpenAI-compatible path), a URL with a path is kept.
 */
export function normalizePresetBaseURL(value: string): string {
  const url = value.trim().replace(/\/+$/, '');
  try {
    return new URL(url).pathname === '/' ? `${url}/v1` : url;
  } catch {
    return url;
  }
}

function presetOf(preset: OpenAIPresetName | OpenAICompatiblePreset): OpenAICompatiblePreset {
  if (typeof preset !== 'string') return preset;
  if (!isOpenAIPresetName(preset))
    throw new TypeError(
      `createOpenAICompatible: unknown preset '${preset}' (one of ${Object.keys(openaiPresets).join(', ')})`,
    );
  return openaiPresets[preset];
}

/**
 * Creates an OpenAI-compatible provider adapter from a preset (`groq`, `together`, `fireworks`,
 * `deepseek`, `mistral`, `xai`, `perplexity`, `openrouter`, `ollama`, `vllm`, `lmstudio`, or a
 * preset object of your own): `createOpenAI` with the preset's name, base URL (its `*_BASE_URL`
 * variable wins; a local server's bare `host:port` gets `/v1`), API key (`options.apiKey`, else
 * its `*_API_KEY` variable), and its quirks: fields a strict server rejects are left out with a
 * warning, Mistral gets `random_seed` and 9-character tool call ids, Perplexity's citations are
 * kept in `providerMetadata.perplexity`, OpenRouter gets `HTTP-Referer` / `X-Title` from
 * `appUrl` / `appName`. Throws a `TypeError` when a hosted preset has no key.
 *
 * @example
 * const groq = createOpenAICompatible('groq'); // GROQ_API_KEY; model ids `groq/llama-3.3-70b-versatile`
 * const local = createOpenAICompatible('ollama', { baseURL: 'http://gpu-box:11434/v1' });
 */
export function createOpenAICompatible(
  preset: OpenAIPresetName | OpenAICompatiblePreset,
  options: OpenAICompatibleOptions = {},
): OpenAIProvider {
  const spec = presetOf(preset);
  const { appUrl, appName, env = process.env, ...rest } = options;
  const apiKey = rest.apiKey ?? (spec.apiKeyEnv ? env[spec.apiKeyEnv] || undefined : undefined);
  if (spec.requiresApiKey && apiKey === undefined)
    throw new TypeError(
      `createOpenAICompatible('${spec.name}'): no API key (pass apiKey or set ${spec.apiKeyEnv ?? 'its key variable'})`,
    );
  if ((appUrl !== undefined || appName !== undefined) && spec.attributionHeaders === undefined)
    throw new TypeError(`createOpenAICompatible('${spec.name}'): appUrl and appName are only for OpenRouter`);
  const fromEnv = env[spec.baseURLEnv];
  const baseURL = rest.baseURL ?? (fromEnv ? normalizePresetBaseURL(fromEnv) : spec.baseURL);
  const attribution = spec.attributionHeaders;
  const headers = {
    ...(attribution && appUrl !== undefined && { [attribution.url]: appUrl }),
    ...(attribution && appName !== undefined && { [attribution.name]: appName }),
    ...rest.headers,
  };
  const strict =
    spec.allowedFields !== undefined ||
    spec.unsupportedFields !== undefined ||
    spec.renamedFields !== undefined ||
    spec.rejectsStreamOptions === true ||
    spec.toolCallIds !== undefined;
  const fields = spec.responseFields;
  return createOpenAI({
    name: spec.name,
    listModels: spec.listModels,
    ...(spec.maxTokensField !== undefined && { maxTokensField: spec.maxTokensField }),
    ...rest,
    baseURL,
    ...(apiKey !== undefined && { apiKey }),
    ...(Object.keys(headers).length > 0 && { headers }),
    ...(strict && { transformRequestBody: (body, { warnings }) => presetRequestBody(spec, body, warnings) }),
    ...(fields !== undefined &&
      withResponseFields({
        key: rest.name ?? spec.name,
        marker: fields.map((field) => `"${field}"`),
        pick: (json) => {
          const kept: Record<string, unknown> = {};
          for (const field of fields) if (json[field] !== undefined) kept[field] = json[field];
          return kept;
        },
      })),
  });
}
