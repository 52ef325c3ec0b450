import type { GenerateResult, ModelInfo, ProviderAdapter, ProviderCall, StreamResult } from '@signalbox/core';
import {
  generateFromJsonApi,
  forwardableHeaders,
  joinUrl,
  mergeHeaders,
  openApiResponse,
  resolveHttpClient,
} from '@signalbox/provider-utils';
import { loadCredentials, resolveCredentialProvider } from './bedrock-credentials.js';
import { createBedrockErrorHandler } from './bedrock-error.js';
import { type BedrockProviderOptions, parseBedrockOptions } from './bedrock-options.js';
import { BEDROCK_REQUEST_ID_HEADER, bedrockStreamResult } from './bedrock-stream-result.js';
import { fromBedrockResponse } from './from-bedrock-response.js';
import { signBedrockRequest } from './sign-bedrock-request.js';
import { toBedrockConverseRequest } from './to-bedrock-request.js';

/** A Bedrock provider adapter; `close()` frees its sockets when it created its own HTTP client. */
export interface BedrockProvider extends ProviderAdapter {
  /** The runtime endpoint requests go to (`https://bedrock-runtime.us-east-1.amazonaws.com`). */
  readonly baseURL: string;
  readonly region: string;
  /** Frees the HTTP client's sockets (when the adapter created its own client). */
  close(): Promise<void>;
}

/** The Bedrock runtime endpoint of a region. */
export function bedrockRuntimeURL(region: string): string {
  return `https://bedrock-runtime.${region}.amazonaws.com`;
}

/**
 * Creates a provider adapter for Amazon Bedrock's Converse API, so any Bedrock model
 * (`anthropic.claude-*`, inference profiles like `us.anthropic.claude-*`, `amazon.nova-*`,
 * `meta.llama*`...) answers both client formats.
 *
 * - `generate`: `POST {baseURL}/model/{modelId}/converse`; `stream`: `/converse-stream`, whose
 *   AWS event stream is decoded into canonical parts. The body comes from
 *   `toBedrockConverseRequest`; the model id is URL-encoded in the path (`v1:0` -> `v1%3A0`).
 * - Auth: AWS Signature Version 4 (service `bedrock`) with the credentials given or found by the
 *   standard chain; or, with `apiKey` (or a call's own key), `Authorization: Bearer`.
 * - Errors: ThrottlingException 429 and ServiceUnavailableException 503 are retryable,
 *   ValidationException 400 is not, a 403 is a 502 `upstream_authentication_failed` (so is a
 *   credential chain that finds nothing); resets are retryable 502s, timeouts 504s. Mid-stream
 *   exception events are `error` parts.
 * - Aborting `call.signal` closes the upstream socket at once.
 *
 * Throws a `TypeError` naming the option when an option is invalid.
 *
 * @example
 * const bedrock = createBedrock({ region: 'us-east-1' }); // credentials from the standard chain
 * const gateway = createGateway({ providers: [bedrock] });
 * // model: 'bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0'
 */
export function createBedrock(options: BedrockProviderOptions = {}): BedrockProvider {
  const config = parseBedrockOptions(options);
  const name = config.name ?? 'bedrock';
  const region = config.region;
  const baseURL = config.baseURL ?? bedrockRuntimeURL(region);
  const { client, close } = resolveHttpClient(config);
  const errorHandler = createBedrockErrorHandler(name);
  const credentials = config.apiKey === undefined ? resolveCredentialProvider(config.credentials) : undefined;
  const baseHeaders = mergeHeaders(config.headers);

  async function requestFor(call: ProviderCall, stream: boolean) {
    const { body, warnings } = toBedrockConverseRequest(call);
    const url = joinUrl(
      baseURL,
      `model/${encodeURIComponent(call.modelId)}/${stream ? 'converse-stream' : 'converse'}`,
    );
    const headers = mergeHeaders(baseHeaders, forwardableHeaders(call.headers), {
      'content-type': 'application/json',
      accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json',
    });
    const apiKey = call.apiKey ?? config.apiKey;
    let sent: Record<string, string>;
    if (apiKey !== undefined || credentials === undefined) {
      sent = { ...headers, authorization: `Bearer ${apiKey}` };
    } else {
      const found = await loadCredentials(credentials, { provider: name, url });
      sent = await signBedrockRequest(
        { url, method: 'POST', headers, body: JSON.stringify(body) },
        { region, credentials: found },
      );
    }
    return {
      warnings,
      api: {
        client,
        url,
        headers: sent,
        body,
        signal: call.signal,
        provider: name,
        errorHandler,
        byok: call.apiKey !== undefined,
      },
    };
  }

  const adapter: BedrockProvider = {
    specificationVersion: 'v1',
    name,
    baseURL,
    region,

    async generate(call: ProviderCall): Promise<GenerateResult> {
      const { api, warnings } = await requestFor(call, false);
      return generateFromJsonApi(
        api,
        (value) => fromBedrockResponse(value, { warnings, modelId: call.modelId }),
        BEDROCK_REQUEST_ID_HEADER,
      );
    },

    async stream(call: ProviderCall): Promise<StreamResult> {
      const { api, warnings } = await requestFor(call, true);
      const response = await openApiResponse(api);
      return bedrockStreamResult(response, {
        provider: name,
        signal: call.signal,
        warnings,
        modelId: call.modelId,
      });
    },

    close,
  };
  if (config.listModels) {
    const models = config.listModels.map((id): ModelInfo => ({ id, ownedBy: name }));
    adapter.listModels = async () => models.map((model) => ({ ...model }));
  }
  return adapter;
}
