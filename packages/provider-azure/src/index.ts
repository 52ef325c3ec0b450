/**
 * Signalbox provider adapter for Azure OpenAI: deployments, `api-version`, `api-key` or
 * Microsoft Entra ID, Azure's content filtering; built on `@signalbox/provider-openai`. (The fake Azure
 * endpoint of its tests, `src/fake-azure.ts`, is not part of the published API.)
 *
 * @module
 */
export { createAzure, type AzureProvider } from './azure-provider.js';
export {
  AZURE_DEFAULT_API_VERSION,
  azureChatURL,
  azureOpenAIRoot,
  type AzureProviderOptions,
} from './azure-options.js';
export { createAzureAuthHeaders } from './azure-auth.js';
export {
  azureErrorSchema,
  createAzureErrorHandler,
  filteredCategories,
  type AzureErrorBody,
} from './azure-error.js';
export { azureFilterDecoders, isPromptFilterChunk, pickAzureFilterResults } from './azure-content-filter.js';
