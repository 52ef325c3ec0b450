import {
  type HttpClient,
  type ProviderTimeouts,
  parseOptions,
  providerOptionSchemas,
} from '@signalbox/provider-utils';
import { z } from 'zod';

/** The Azure OpenAI inference API version used when none is given: the latest GA release. */
export const AZURE_DEFAULT_API_VERSION = '2024-10-21';

/** Options of `createAzure`. */
export interface AzureProviderOptions {
  /** The provider name in the gateway (the `azure` of `azure/gpt-4o-mini`); default `azure`. */
  name?: string;
  /** The Azure OpenAI resource: requests go to `https://{resourceName}.openai.azure.com/openai/...`. */
  resourceName?: string;
  /**
   * The endpoint instead of a resource name (`https://my-resource.openai.azure.com`, a custom
   * domain, an API Management gateway); `/openai` is appended unless it ends with it.
   */
  baseURL?: string;
  /** The `api-version` query parameter; default {@link AZURE_DEFAULT_API_VERSION}. */
  apiVersion?: string;
  /** Sent as the `api-key` header. A call's own key (BYOK) is sent the same way. */
  apiKey?: string;
  /** Returns a Microsoft Entra ID access token, sent as `Authorization: Bearer` (asked for every request; cache it). */
  getToken?: () => string | Promise<string>;
  /** The same as `getToken`, named as the OpenAI SDK's `AzureOpenAI` names it (`getBearerTokenProvider(...)`). */
  azureADTokenProvider?: () => string | Promise<string>;
  /** Deployment names by model id (`{ 'gpt-4o': 'prod-gpt4o' }`); a model id not listed is its own deployment name. */
  deployments?: Record<string, string>;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Timeouts of the adapter's own HTTP client (not allowed with `httpClient`). */
  timeouts?: ProviderTimeouts;
  /** `GET /v1/models` of the gateway: default the model ids of `deployments`; `false` lists nothing. */
  listModels?: string[] | false;
  /** A shared client from `createHttpClient`; by default the adapter creates its own. */
  httpClient?: HttpClient;
  /** The field for the output token limit (`max_completion_tokens` for o-series deployments). */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

const tokenFunction = z.custom<() => string | Promise<string>>(
  (value) => typeof value === 'function',
  'must be a function returning an access token',
);

const azureOptionsSchema = z
  .strictObject({
    name: providerOptionSchemas.name.optional(),
    resourceName: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'must be an Azure resource name (letters, digits, hyphens)')
      .optional(),
    baseURL: providerOptionSchemas.baseURL.optional(),
    apiVersion: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(-preview)?$|^v1$/, "must look like '2024-10-21' or '2025-04-01-preview'")
      .optional(),
    apiKey: providerOptionSchemas.apiKey.optional(),
    getToken: tokenFunction.optional(),
    azureADTokenProvider: tokenFunction.optional(),
    deployments: z
      .record(z.string().min(1), z.string().regex(/^[\w.-]{1,64}$/, 'must be a deployment name'))
      .optional(),
    headers: providerOptionSchemas.headers.optional(),
    timeouts: providerOptionSchemas.timeouts.optional(),
    listModels: z.union([z.literal(false), z.array(z.string().min(1))]).optional(),
    httpClient: providerOptionSchemas.httpClient.optional(),
    maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']).optional(),
  })
  .refine((options) => (options.resourceName === undefined) !== (options.baseURL === undefined), {
    path: ['resourceName'],
    message: 'or baseURL is required, not both',
  })
  .refine(
    (options) =>
      [options.apiKey, options.getToken, options.azureADTokenProvider].filter((value) => value !== undefined)
        .length === 1,
    { path: ['apiKey'], message: 'or getToken (or azureADTokenProvider) is required, exactly one of them' },
  )
  .refine((options) => !(options.httpClient && options.timeouts), {
    path: ['timeouts'],
    message: 'cannot be combined with httpClient (set the timeouts on the client)',
  });

/**
 * Validates the options of `createAzure` at construction. Throws a `TypeError` naming the first
 * bad option (`createAzure: option 'resourceName' or baseURL is required, not both`).
 */
export function parseAzureOptions(options: unknown): AzureProviderOptions {
  return parseOptions(azureOptionsSchema, options, 'createAzure') as AzureProviderOptions;
}

/** The `.../openai` root of the deployment URLs, from a resource name or an endpoint. */
export function azureOpenAIRoot(options: Pick<AzureProviderOptions, 'resourceName' | 'baseURL'>): string {
  if (options.resourceName !== undefined) return `https://${options.resourceName}.openai.azure.com/openai`;
  const base = (options.baseURL ?? '').replace(/\/+$/, '');
  return base.endsWith('/openai') ? base : `${base}/openai`;
}

/** `{root}/deployments/{deployment}/chat/completions?api-version={version}`. */
export function azureChatURL(root: string, deployment: string, apiVersion: string): string {
  return `${root}/deployments/${encodeURIComponent(deployment)}/chat/completions?api-version=${encodeURIComponent(apiVersion)}`;
}
