import { GatewayError } from '../errors/gateway-error.js';
import type { ProviderAdapter, ProviderCall } from '../spec/v1/provider-adapter.js';
import type { Attempt } from './attempt.js';
import type { GatewayContext } from './context.js';
import { primeStream, tapStream } from './stream-tools.js';
import { isContentPart } from '../spec/v1/stream-part.js';

/** A model id resolved to the provider that serves it and the id that provider knows it by. */
export interface ResolvedModel {
  /** The catalog id (`mock/echo`). */
  model: string;
  provider: ProviderAdapter;
  providerModelId: string;
}

/**
 * Resolves a model id: an alias from `models`, else `provider/model` by the provider's name.
 * Unknown -> 404 `model_not_found` naming the model.
 */
export function resolveModel(
  model: string,
  providers: ReadonlyMap<string, ProviderAdapter>,
  aliases: Readonly<Record<string, string>> = {},
): ResolvedModel {
  const target = aliases[model] ?? model;
  const slash = target.indexOf('/');
  const provider = slash > 0 ? providers.get(target.slice(0, slash)) : undefined;
  if (!provider || slash === target.length - 1) {
    throw new GatewayError(`The model '${model}' does not exist or is not available on this gateway.`, {
      status: 404,
      type: 'not_found_error',
      code: 'model_not_found',
      param: 'model',
    });
  }
  return { model: target, provider, providerModelId: target.slice(slash + 1) };
}

/**
 * Headers that pick the account a call is billed to: forwarded only with the principal's own key
 * (BYOK), never on the operator's key, or a client could bill another organization of the operator.
 */
const ACCOUNT_HEADERS = ['openai-organization', 'openai-project'];

function withoutAccountHeaders(headers: Record<string, string>): Record<string, string> {
  if (!ACCOUNT_HEADERS.some((name) => name in headers)) return headers;
  const kept = { ...headers };
  for (const name of ACCOUNT_HEADERS) delete kept[name];
  return kept;
}

/** The provider call for a context: BYOK key when the principal has one, forwarded headers. */
export function providerCallFor(
  context: GatewayContext,
  provider: ProviderAdapter,
  modelId: string,
): ProviderCall {
  const apiKey = context.principal?.providerKeys?.[provider.name];
  let headers =
    context.request.source?.format === provider.format ? context.request.source?.forwardHeaders : undefined;
  if (headers && apiKey === undefined) headers = withoutAccountHeaders(headers);
  return {
    modelId,
    request: context.request,
    signal: context.signal,
    ...(apiKey !== undefined && { apiKey }),
    ...(headers && Object.keys(headers).length > 0 && { headers }),
  };
}

/**
 * Runs one attempt against one provider and records it on the context: sets `result` or
 * `stream`, `usage`, `resolved`, and the first-token time. Used by the default router and by
 * `@signalbox/routing` for each attempt of its plan.
 */
export async function runAttempt(context: GatewayContext, target: ResolvedModel): Promise<void> {
  const call = providerCallFor(context, target.provider, target.providerModelId);
  const attempt: Attempt = {
    model: target.model,
    provider: target.provider.name,
    providerModelId: target.providerModelId,
    credentialType: call.apiKey !== undefined ? 'byok' : 'system',
    startTime: context.clock.now(),
    // Every slot present from the start: one object shape for all attempts (V8 pays for each added property).
    endTime: undefined,
    success: false,
    statusCode: undefined,
    providerRequestId: undefined,
    providerResponseId: undefined,
    error: undefined,
  };
  context.attempts.push(attempt);
  const settle = (error?: unknown) => {
    attempt.endTime = context.clock.now();
    if (error === undefined) {
      attempt.success = true;
      attempt.statusCode = 200;
    } else {
      const failure = GatewayError.from(error);
      attempt.success = false;
      attempt.statusCode = failure.status;
      attempt.error = {
        message: failure.message,
        type: failure.type,
        status: failure.status,
        ...(failure.code !== undefined && { code: failure.code }),
      };
    }
  };
  try {
    if (context.request.stream) {
      const { stream, response } = await target.provider.stream(call);
      attempt.providerRequestId = response?.requestId;
      const tapped = tapStream(stream, (part) => {
        if (part.type === 'response-metadata') {
          attempt.providerResponseId ??= part.id;
          attempt.providerRequestId ??= part.requestId;
        } else if (part.type === 'finish') {
          context.usage = part.usage;
        } else if (part.type === 'error' && attempt.success) {
          // The stream had started (the client has a 200), then failed: the attempt did not succeed.
          const failure = GatewayError.from(part.error);
          attempt.success = false;
          attempt.error = {
            message: failure.message,
            type: failure.type,
            status: failure.status,
            ...(failure.code !== undefined && { code: failure.code }),
          };
        } else if (context.timings.firstToken === undefined && isContentPart(part)) {
          context.timings.firstToken = context.clock.now();
        }
      });
      // Fails here, before anything reached the client, when the provider fails before its first output.
      context.stream = await primeStream(tapped);
      settle();
    } else {
      const result = await target.provider.generate(call);
      attempt.providerResponseId = result.response.id;
      attempt.providerRequestId = result.response.requestId;
      context.result = result;
      context.usage = result.usage;
      settle();
    }
    context.resolved = {
      model: target.model,
      provider: target.provider.name,
      providerModelId: target.providerModelId,
    };
  } catch (error) {
    settle(error);
    throw error;
  }
}
