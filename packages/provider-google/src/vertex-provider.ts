import type { ModelInfo, ProviderAdapter } from '@signalbox/core';
import { joinUrl, resolveHttpClient } from '@signalbox/provider-utils';
import { createGoogleCalls } from './google-adapter.js';
import { createGoogleErrorHandler } from './google-error.js';
import { vertexBaseURL, vertexModelPath } from './google-model-path.js';
import { createVertexAuth } from './vertex-auth.js';
import { parseVertexOptions, type VertexProviderOptions } from './vertex-options.js';

/** A Vertex AI provider adapter; `close()` frees its sockets when it created its own HTTP client. */
export interface VertexProvider extends ProviderAdapter {
  /** The base URL requests go to (`https://us-central1-aiplatform.googleapis.com/v1`). */
  readonly baseURL: string;
  readonly project: string;
  readonly location: string;
  countTokens: NonNullable<ProviderAdapter['countTokens']>;
  /** Frees the HTTP client's sockets (when the adapter created its own client). */
  close(): Promise<void>;
}

/**
 * Creates a provider adapter for Gemini models on Vertex AI. The body, the answers and the
 * streams are the Gemini API's (see `createGoogle`), with Vertex's differences: the project and
 * region are in the URL (`{baseURL}/projects/{project}/locations/{location}/publishers/google/
 * models/{model}:generateContent`), calls carry an OAuth `Authorization: Bearer` access token,
 * function calls and responses carry no ids, and `metadata` is sent as `labels`.
 *
 * Tokens come from google-auth-library (`GoogleAuth`, scope `cloud-platform`), which signs the
 * service account's assertion, caches the token and refreshes it before it expires: from
 * `credentials` (a service-account key), `keyFile`, `googleAuthOptions`, or Application Default
 * Credentials. A call's own key (bring your own key) is sent as the bearer token instead. A token
 * that cannot be had is a 502 `upstream_authentication_failed` (retryable only when the token
 * endpoint could not be reached).
 *
 * Throws a `TypeError` naming the option when an option is invalid.
 *
 * @example
 * const vertex = createVertex({
 *   project: 'my-project',
 *   location: 'us-central1',
 *   keyFile: process.env.GOOGLE_APPLICATION_CREDENTIALS,
 * });
 * // clients then ask for `vertex/gemini-2.5-flash`
 */
export function createVertex(options: VertexProviderOptions): VertexProvider {
  const config = parseVertexOptions(options);
  const name = config.name ?? 'vertex';
  const { project, location } = config;
  const baseURL = config.baseURL ?? vertexBaseURL(location);
  const { client, close } = resolveHttpClient(config);
  const auth = createVertexAuth({
    provider: name,
    ...(config.credentials && { credentials: config.credentials }),
    ...(config.keyFile !== undefined && { keyFile: config.keyFile }),
    ...(config.googleAuthOptions && { googleAuthOptions: config.googleAuthOptions }),
  });

  const calls = createGoogleCalls({
    name,
    client,
    errorHandler: createGoogleErrorHandler(name),
    methodURL: (modelId, method) =>
      `${joinUrl(baseURL, vertexModelPath(project, location, modelId))}:${method}`,
    authHeaders: async (call) => ({
      authorization: `Bearer ${call.apiKey ?? (await auth.accessToken(call.signal))}`,
    }),
    ...(config.headers && { headers: config.headers }),
    vertex: true,
  });

  const adapter: VertexProvider = {
    specificationVersion: 'v1',
    name,
    baseURL,
    project,
    location,
    ...calls,
    close,
  };
  if (config.listModels !== undefined) {
    const models = config.listModels.map((id): ModelInfo => ({ id, ownedBy: name }));
    adapter.listModels = async () => models.map((model) => ({ ...model }));
  }
  return adapter;
}
