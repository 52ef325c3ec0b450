import { createOpenAI, type OpenAIProvider } from '@signalbox/provider-openai';
import { createAzureAuthHeaders } from './azure-auth.js';
import { azureFilterDecoders } from './azure-content-filter.js';
import { createAzureErrorHandler } from './azure-error.js';
import {
  AZURE_DEFAULT_API_VERSION,
  type AzureProviderOptions,
  azureChatURL,
  azureOpenAIRoot,
  parseAzureOptions,
} from './azure-options.js';

/** An Azure OpenAI provider adapter (an OpenAI-format adapter with Azure's URLs, auth and filters). */
export interface AzureProvider extends OpenAIProvider {
  /** The API version every request names. */
  readonly apiVersion: string;
  /** The deployment a model id is sent to. */
  deploymentFor(modelId: string): string;
}

/**
 * Creates a provider adapter for Azure OpenAI, built on `createOpenAI` (the same OpenAI codec,
 * HTTP client, error mapping and pass-through of OpenAI clients' fields) with Azure's
 * differences:
 *
 * - URL: `{endpoint}/openai/deployments/{deployment}/chat/completions?api-version={apiVersion}`,
 *   the deployment being `deployments[modelId]`, else the model id itself;
 * - auth: `api-key: <key>` (a call's own key too), or `Authorization: Bearer <token>` from
 *   `getToken` / `azureADTokenProvider` (Microsoft Entra ID; no Azure SDK needed at runtime);
 * - content filtering: a 400 `content_filter` refusal stays a 400 with code `content_filter` and
 *   the filtered categories in its message; `finish_reason: 'content_filter'` is finish reason
 *   `content-filter`; `prompt_filter_results` and `content_filter_results` are kept in
 *   `providerMetadata.azure` (result, and the stream's `finish`).
 *
 * Throws a `TypeError` naming the option when an option is invalid.
 *
 * @example
 * const azure = createAzure({
 *   resourceName: 'contoso',
 *   apiKey: process.env.AZURE_OPENAI_API_KEY,
 *   deployments: { 'gpt-4o-mini': 'contoso-gpt-4o-mini' },
 * });
 * // model: 'azure/gpt-4o-mini'
 */
export function createAzure(options: AzureProviderOptions): AzureProvider {
  const config = parseAzureOptions(options);
  const name = config.name ?? 'azure';
  const apiVersion = config.apiVersion ?? AZURE_DEFAULT_API_VERSION;
  const root = azureOpenAIRoot(config);
  const deployments = config.deployments ?? {};
  const deploymentFor = (modelId: string) =>
    Object.hasOwn(deployments, modelId) ? (deployments[modelId] ?? modelId) : modelId;
  const listModels =
    config.listModels ?? (Object.keys(deployments).length > 0 ? Object.keys(deployments) : false);
  const adapter = createOpenAI({
    name,
    baseURL: root,
    ...(config.apiKey !== undefined && { apiKey: config.apiKey }),
    ...(config.headers && { headers: config.headers }),
    ...(config.timeouts && { timeouts: config.timeouts }),
    ...(config.httpClient && { httpClient: config.httpClient }),
    ...(config.maxTokensField && { maxTokensField: config.maxTokensField }),
    listModels,
    chatURL: (modelId) => azureChatURL(root, deploymentFor(modelId), apiVersion),
    authHeaders: createAzureAuthHeaders({
      provider: name,
      url: root,
      getToken: config.getToken ?? config.azureADTokenProvider,
    }),
    errorHandler: createAzureErrorHandler(name),
    requestIdHeader: 'apim-request-id',
    ...azureFilterDecoders('azure'),
  });
  return Object.assign(adapter, { apiVersion, deploymentFor });
}
