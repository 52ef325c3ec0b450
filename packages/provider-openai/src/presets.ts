/**
 * Named presets for OpenAI-compatible servers: where each one listens, how it authenticates,
 * what its model ids look like, the environment variables that enable it, and the few ways it
 * is stricter than OpenAI. Checked against each provider's public documentation; see the table
 * in this package's README.
 */

/** An OpenAI-compatible server, as `createOpenAICompatible` needs to know it. */
export interface OpenAICompatiblePreset {
  /** The provider name in the gateway: the prefix of model ids (`groq/llama-3.3-70b-versatile`). */
  name: string;
  /** The product's name, for messages and docs. */
  title: string;
  /** The base URL, with its version path (`https://api.groq.com/openai/v1`). */
  baseURL: string;
  /** The variable holding the API key (sent as `Authorization: Bearer`); none for keyless local servers. */
  apiKeyEnv?: string;
  /** Whether the server refuses requests without a key. */
  requiresApiKey: boolean;
  /** The variable that overrides the base URL (and enables a local server). */
  baseURLEnv: string;
  /** A model id of the provider, as clients write it after the prefix. */
  exampleModel: string;
  /** What the provider's model ids look like. */
  modelIds: string;
  /** Whether `GET {baseURL}/models` lists the models (for the gateway's `GET /v1/models`). */
  listModels: boolean;
  /** Top-level request fields the server rejects: left out, each with an 'unsupported' warning. */
  unsupportedFields?: readonly string[];
  /** The only top-level fields the server accepts (a strict schema); others are left out with a warning. */
  allowedFields?: readonly string[];
  /** Fields the server names differently (Mistral's `random_seed`). */
  renamedFields?: Readonly<Record<string, string>>;
  /** The server rejects `stream_options` (and sends the usage chunk unasked). */
  rejectsStreamOptions?: boolean;
  /** The field for the output limit, when the server accepts only one. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Tool call ids the server accepts: Mistral wants exactly 9 letters and digits. */
  toolCallIds?: 'nine-alphanumeric';
  /** Top-level response fields kept in `providerMetadata[name]` (Perplexity's citations). */
  responseFields?: readonly string[];
  /** Attribution headers the provider reads (OpenRouter's `HTTP-Referer` and `X-Title`). */
  attributionHeaders?: { url: string; name: string };
}

/** The fields Mistral's chat completions schema accepts (it answers 422 to any other). */
const mistralFields = [
  'model',
  'messages',
  'temperature',
  'top_p',
  'max_tokens',
  'stream',
  'stop',
  'random_seed',
  'response_format',
  'tools',
  'tool_choice',
  'presence_penalty',
  'frequency_penalty',
  'n',
  'prediction',
  'parallel_tool_calls',
  'safe_prompt',
  'prompt_mode',
] as const;

/**
 * The shipped presets, keyed by provider name. Hosted servers are enabled by their API key
 * variable, local ones (Ollama, vLLM, LM Studio) by their base URL variable.
 */
export const openaiPresets = {
  groq: {
    name: 'groq',
    title: 'Groq',
    baseURL: 'https://api.groq.com/openai/v1',
    apiKeyEnv: 'GROQ_API_KEY',
    requiresApiKey: true,
    baseURLEnv: 'GROQ_BASE_URL',
    exampleModel: 'llama-3.3-70b-versatile',
    modelIds: 'Groq model ids; some carry their maker: `openai/gpt-oss-120b`',
    listModels: true,
    unsupportedFields: ['logprobs', 'top_logprobs', 'logit_bias'],
  },
  together: {
    name: 'together',
    title: 'Together AI',
    baseURL: 'https://api.together.xyz/v1',
    apiKeyEnv: 'TOGETHER_API_KEY',
    requiresApiKey: true,
    baseURLEnv: 'TOGETHER_BASE_URL',
    exampleModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    modelIds: '`organization/Model` as on Hugging Face',
    listModels: true,
  },
  fireworks: {
    name: 'fireworks',
    title: 'Fireworks AI',
    baseURL: 'https://api.fireworks.ai/inference/v1',
    apiKeyEnv: 'FIREWORKS_API_KEY',
    requiresApiKey: true,
    baseURLEnv: 'FIREWORKS_BASE_URL',
    exampleModel: 'accounts/fireworks/models/llama-v3p3-70b-instruct',
    modelIds: '`accounts/<account>/models/<model>`',
    listModels: false,
  },
  deepseek: {
    name: 'deepseek',
    title: 'DeepSeek',
    baseURL: 'https://api.deepseek.com/v1',
    apiKeyEnv: 'DEEPSEEK_API_KEY',
    requiresApiKey: true,
    baseURLEnv: 'DEEPSEEK_BASE_URL',
    exampleModel: 'deepseek-chat',
    modelIds: '`deepseek-chat`, `deepseek-reasoner` (its `reasoning_content` becomes reasoning)',
    listModels: true,
  },
  mistral: {
    name: 'mistral',
    title: 'Mistral AI',
    baseURL: 'https://api.mistral.ai/v1',
    apiKeyEnv: 'MISTRAL_API_KEY',
    requiresApiKey: true,
    baseURLEnv: 'MISTRAL_BASE_URL',
    exampleModel: 'mistral-small-latest',
    modelIds: '`<model>-latest` aliases or dated ids (`mistral-large-2411`)',
    listModels: true,
    allowedFields: mistralFields,
    renamedFields: { seed: 'random_seed' },
    rejectsStreamOptions: true,
    maxTokensField: 'max_tokens',
    toolCallIds: 'nine-alphanumeric',
  },
  xai: {
    name: 'xai',
    title: 'xAI',
    baseURL: 'https://api.x.ai/v1',
    apiKeyEnv: 'XAI_API_KEY',
    requiresApiKey: true,
    baseURLEnv: 'XAI_BASE_URL',
    exampleModel: 'grok-4',
    modelIds: '`grok-<version>[-variant]`',
    listModels: true,
  },
  perplexity: {
    name: 'perplexity',
    title: 'Perplexity',
    baseURL: 'https://api.perplexity.ai',
    apiKeyEnv: 'PERPLEXITY_API_KEY',
    requiresApiKey: true,
    baseURLEnv: 'PERPLEXITY_BASE_URL',
    exampleModel: 'sonar',
    modelIds: '`sonar`, `sonar-pro`, `sonar-reasoning-pro`, `sonar-deep-research`',
    listModels: false,
    responseFields: ['citations', 'search_results'],
  },
  openrouter: {
    name: 'openrouter',
    title: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    requiresApiKey: true,
    baseURLEnv: 'OPENROUTER_BASE_URL',
    exampleModel: 'anthropic/claude-haiku-4.5',
    modelIds: '`<maker>/<model>` (`openai/gpt-4o-mini`), optional `:free` / `:nitro` suffixes',
    listModels: true,
    attributionHeaders: { url: 'http-referer', name: 'x-title' },
  },
  ollama: {
    name: 'ollama',
    title: 'Ollama',
    baseURL: 'http://127.0.0.1:11434/v1',
    requiresApiKey: false,
    baseURLEnv: 'OLLAMA_BASE_URL',
    exampleModel: 'llama3.2',
    modelIds: '`<model>[:<tag>]` as pulled (`qwen3:8b`)',
    listModels: true,
  },
  vllm: {
    name: 'vllm',
    title: 'vLLM',
    baseURL: 'http://127.0.0.1:8000/v1',
    apiKeyEnv: 'VLLM_API_KEY',
    requiresApiKey: false,
    baseURLEnv: 'VLLM_BASE_URL',
    exampleModel: 'meta-llama/Llama-3.1-8B-Instruct',
    modelIds: 'the served model name (`--served-model-name`, default the Hugging Face id)',
    listModels: true,
  },
  lmstudio: {
    name: 'lmstudio',
    title: 'LM Studio',
    baseURL: 'http://127.0.0.1:1234/v1',
    requiresApiKey: false,
    baseURLEnv: 'LMSTUDIO_BASE_URL',
    exampleModel: 'qwen2.5-7b-instruct',
    modelIds: 'the loaded model’s identifier, as `lms ls` shows it',
    listModels: true,
  },
} as const satisfies Record<string, OpenAICompatiblePreset>;

/** The name of a shipped preset. */
export type OpenAIPresetName = keyof typeof openaiPresets;

/** Whether a string names a shipped preset. */
export function isOpenAIPresetName(name: string): name is OpenAIPresetName {
  return Object.hasOwn(openaiPresets, name);
}
