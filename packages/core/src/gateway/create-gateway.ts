import { z } from 'zod';
import { anthropicClientCodec, decodeAnthropicCountTokensRequest } from '../anthropic/index.js';
import { compose } from '../compose.js';
import { GatewayError } from '../errors/gateway-error.js';
import { openaiClientCodec } from '../openai/index.js';
import type { ChatRequest, WireFormat } from '../spec/v1/chat-request.js';
import type { ProviderAdapter } from '../spec/v1/provider-adapter.js';
import type { ClientCodec, EncodeOptions } from './client-codec.js';
import type {
  Clock,
  GatewayContext,
  GatewayState,
  IdGenerator,
  RequestOutcome,
  ResponseExtension,
  RouteContext,
} from './context.js';
import { providerCallFor, resolveModel, runAttempt } from './default-router.js';
import type { GatewayHttpRequest, GatewayHttpResponse } from './http.js';
import { randomIds, systemClock } from './ids.js';
import type { GatewayMiddleware, Route, RouteMiddleware } from './middleware.js';
import { createModelLister, modelResponse, modelsResponse } from './models-route.js';
import { readJsonBody } from './read-json.js';
import { RouteTable } from './route-table.js';
import { guardStream, primeStream } from './stream-tools.js';

/** Where the gateway reports its own failures (a 500, a failing onDone hook). Never given secrets. */
export interface GatewayLogger {
  /** A problem the gateway handled (a failing `onDone` hook, a close hook that threw). */
  warn(message: string, details?: Record<string, unknown>): void;
  /** A failure answered with a 500; `details` carries the error, never request secrets. */
  error(message: string, details?: Record<string, unknown>): void;
}

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /** The provider adapters; each answers `<name>/<model>` ids. */
  providers: ProviderAdapter[];
  /** Aliases: model id -> `provider/model` (`{ 'fast': 'openai/gpt-4o-mini' }`). */
  models?: Record<string, string>;
  /** Middlewares, outermost first: `[auth(), cost(), cache(), metadata(), log(), router()]`. */
  use?: Array<GatewayMiddleware | RouteMiddleware>;
  /** Extra routes served under the mount. */
  routes?: Route[];
  /** Request headers passed to a provider of the client's own format. */
  forwardHeaders?: string[];
  /** Always send the usage chunk at the end of OpenAI streams (OpenRouter's behaviour). */
  alwaysIncludeUsage?: boolean;
  clock?: Clock;
  ids?: IdGenerator;
  logger?: GatewayLogger;
}

/** A composed gateway, framework-neutral: bindings turn HTTP into `handle()` calls. */
export interface Gateway {
  /**
   * Answers one HTTP request under the mount: routes it, runs the middlewares and the model call,
   * and resolves with the response to write (JSON, or an SSE stream).
   */
  handle(request: GatewayHttpRequest): Promise<GatewayHttpResponse>;
  readonly providers: ReadonlyMap<string, ProviderAdapter>;
  /**
   * An error answered in the shape of the endpoint at `path` (for failures a binding meets
   * before it can call `handle`, such as a body over the size limit).
   */
  errorResponse(
    path: string,
    headers: Record<string, string | string[] | undefined>,
    error: unknown,
  ): GatewayHttpResponse;
  /** Calls every middleware's close hook (flush logs, close stores). */
  close(): Promise<void>;
}

const optionsSchema = z.object({
  providers: z
    .array(
      z.looseObject({
        name: z
          .string()
          .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'provider names are letters, digits, ".", "_" or "-"'),
        generate: z.function(),
        stream: z.function(),
      }),
    )
    .refine(
      (list) => new Set(list.map((provider) => provider.name)).size === list.length,
      'provider names must be unique',
    ),
  models: z.record(z.string(), z.string().includes('/')).optional(),
  use: z.array(z.function()).optional(),
  routes: z
    .array(z.looseObject({ method: z.string(), path: z.string().startsWith('/'), handler: z.function() }))
    .optional(),
  forwardHeaders: z.array(z.string()).optional(),
  alwaysIncludeUsage: z.boolean().optional(),
});

const DEFAULT_FORWARD_HEADERS = ['anthropic-beta', 'openai-organization', 'openai-project'];
const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

const consoleLogger: GatewayLogger = {
  warn: (message, details) => console.warn(`[signalbox] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[signalbox] ${message}`, details ?? ''),
};

function formatForPath(path: string, headers: GatewayHttpRequest['headers']): WireFormat {
  if (path.startsWith('/messages')) return 'anthropic';
  if (path.startsWith('/models') && headers['anthropic-version'] !== undefined) return 'anthropic';
  return 'openai';
}

/** `/v1/chat/completions/` -> `/chat/completions`: the gateway works mounted at `/` or at `/v1`. */
function normalizePath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.startsWith('/v1/') ? trimmed.slice(3) : trimmed;
}

function mergeExtensions(context: GatewayContext): ResponseExtension {
  const merged: Required<ResponseExtension> = { body: {}, message: {}, choice: {}, usage: {} };
  for (const extender of context.extenders) {
    const extension = extender(context);
    if (!extension) continue;
    Object.assign(merged.body, extension.body);
    Object.assign(merged.message, extension.message);
    Object.assign(merged.choice, extension.choice);
    Object.assign(merged.usage, extension.usage);
  }
  return merged;
}

/**
 * Creates a gateway from providers and middlewares. Options are validated here, once: a
 * mistake is a TypeError at start-up, not a failure on the first request.
 *
 * @example
 * ```ts
 * import { createGateway } from '@signalbox/core';
 * import { express as signalbox } from '@signalbox/express';
 * import { createMockProvider } from '@signalbox/provider-mock';
 * import express from 'express';
 *
 * const gateway = createGateway({ providers: [createMockProvider()] });
 * express().use('/v1', signalbox(gateway)).listen(3000);
 * // POST /v1/chat/completions or /v1/messages with model "mock/echo"
 * ```
 */
export function createGateway(options: GatewayOptions): Gateway {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(
      `createGateway: invalid option ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  const providers = new Map(options.providers.map((provider) => [provider.name, provider]));
  const aliases = options.models ?? {};
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const logger = options.logger ?? consoleLogger;
  const forwardHeaders = (options.forwardHeaders ?? DEFAULT_FORWARD_HEADERS).map((name) =>
    name.toLowerCase(),
  );
  const middlewares = options.use ?? [];
  const modelPipeline = compose(middlewares as GatewayMiddleware[]);
  const routePipeline = compose(
    middlewares.filter((middleware) => middleware.scope === 'all') as RouteMiddleware[],
  );
  const listModels = createModelLister(providers, aliases, clock);

  const codecs: Record<WireFormat, ClientCodec> = {
    openai: openaiClientCodec,
    anthropic: anthropicClientCodec,
  };

  function errorResponse(
    error: unknown,
    format: WireFormat,
    headers: Record<string, string> = {},
    clientGone = false,
  ): GatewayHttpResponse {
    const failure = GatewayError.from(error);
    // A client that went away is not a gateway failure (its abort reason surfaces here as is).
    if (!GatewayError.isInstance(error) && !clientGone) {
      logger.error('Unhandled error while handling a request', {
        error:
          error instanceof Error
            ? { name: error.name, message: error.message, stack: error.stack }
            : String(error),
      });
    }
    const retryHeaders: Record<string, string> =
      failure.retryAfter !== undefined ? { 'retry-after': String(Math.ceil(failure.retryAfter)) } : {};
    return {
      status: failure.status,
      headers: { ...headers, ...retryHeaders, ...failure.headers },
      body: { type: 'json', value: codecs[format].encodeError(failure) },
    };
  }

  async function runDone(context: GatewayContext, outcome: RequestOutcome): Promise<void> {
    context.timings.end ??= clock.now();
    for (const hook of context.onDone) {
      try {
        await hook(context, outcome);
      } catch (error) {
        logger.warn('An onDone hook failed', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  function encodeOptions(context: GatewayContext, format: WireFormat): EncodeOptions {
    const providerId = context.result?.response.id ?? context.attempts.at(-1)?.providerResponseId;
    const prefix = format === 'openai' ? 'chatcmpl-' : 'msg_';
    return {
      id: providerId?.startsWith(prefix) ? providerId : ids.id(prefix),
      model: context.responseModel ?? context.request.model,
      created: Math.floor(context.timings.start / 1000),
      request: context.request,
      includeUsage: options.alwaysIncludeUsage === true || context.request.includeUsage === true,
      extend: () => mergeExtensions(context),
    };
  }

  async function* finalizeStream(
    events: AsyncIterable<string>,
    context: GatewayContext,
    failure: { error?: unknown },
  ): AsyncGenerator<string> {
    let completed = false;
    try {
      yield* events;
      completed = true;
    } finally {
      await runDone(context, { status: 200, aborted: !completed, error: failure.error });
    }
  }

  /**
   * The context of a model call, every slot present from the start (undefined until a middleware
   * sets it): one object shape for every request, instead of a copy of a route context that grows
   * a property at a time (each a shape change V8 pays for on the hot path).
   */
  function modelContext(
    http: GatewayHttpRequest,
    endpoint: string,
    format: WireFormat,
    request: ChatRequest,
  ): GatewayContext {
    return {
      endpoint,
      format,
      http,
      principal: http.principal,
      responseHeaders: {},
      state: {} as GatewayState,
      signal: http.signal,
      clock,
      ids,
      providers,
      response: undefined,
      request,
      generationId: ids.generationId(),
      attempts: [],
      resolved: undefined,
      result: undefined,
      stream: undefined,
      usage: undefined,
      responseModel: undefined,
      preferredProvider: undefined,
      routing: undefined,
      cost: undefined,
      cacheStatus: undefined,
      timings: { start: clock.now(), firstToken: undefined, end: undefined },
      extenders: [],
      onDone: [],
    };
  }

  async function handleModelCall(context: GatewayContext): Promise<GatewayHttpResponse> {
    const base = context;
    context.responseHeaders['x-signalbox-generation-id'] = context.generationId;
    try {
      await modelPipeline(context, async () => {
        if (context.result || context.stream || context.response) return;
        await runAttempt(context, resolveModel(context.request.model, providers, aliases));
      });
      if (context.response) {
        const response = context.response;
        await runDone(context, { status: response.status, aborted: false });
        return { ...response, headers: { ...context.responseHeaders, ...response.headers } };
      }
      const codec = codecs[base.format];
      if (context.request.stream) {
        if (!context.stream) throw new Error('The pipeline finished without a stream for a streamed request');
        const primed = await primeStream(context.stream);
        const failure: { error?: unknown } = {};
        const guarded = (async function* () {
          for await (const part of guardStream(primed)) {
            if (part.type === 'error') failure.error = part.error;
            yield part;
          }
        })();
        const events = codec.encodeStream(guarded, encodeOptions(context, base.format));
        return {
          status: 200,
          headers: { ...SSE_HEADERS, ...context.responseHeaders },
          body: { type: 'sse', events: finalizeStream(events, context, failure) },
        };
      }
      if (!context.result) throw new Error('The pipeline finished without a result');
      const value = codec.encodeResult(context.result, encodeOptions(context, base.format));
      await runDone(context, { status: 200, aborted: false });
      // The context is done with: its header object is the response's (no copy).
      return { status: 200, headers: context.responseHeaders, body: { type: 'json', value } };
    } catch (error) {
      const response = errorResponse(error, base.format, context.responseHeaders, base.signal.aborted);
      await runDone(context, { status: response.status, aborted: base.signal.aborted, error });
      return response;
    }
  }

  const builtinRoutes: Route[] = [
    {
      method: 'GET',
      path: '/models',
      handler: async (context) => modelsResponse(await listModels(), context.format === 'anthropic'),
    },
    {
      method: 'GET',
      path: '/models/:id',
      handler: async (context, params) =>
        modelResponse(await listModels(), params.id ?? '', context.format === 'anthropic'),
    },
  ];
  for (const path of ['/models/:owner/:id']) {
    builtinRoutes.push({
      method: 'GET',
      path,
      handler: async (context, params) =>
        modelResponse(await listModels(), `${params.owner}/${params.id}`, context.format === 'anthropic'),
    });
  }
  builtinRoutes.push({
    method: 'POST',
    path: '/messages/count_tokens',
    format: 'anthropic',
    handler: async (context) => {
      const request = decodeAnthropicCountTokensRequest(
        readJsonBody(context.http.body, context.http.headers['content-type']),
      );
      const target = resolveModel(request.model, providers, aliases);
      const pseudo = { ...context, request } as unknown as GatewayContext;
      const call = providerCallFor(pseudo, target.provider, target.providerModelId);
      const counted = target.provider.countTokens
        ? await target.provider.countTokens(call)
        : { inputTokens: Math.ceil(JSON.stringify(request.messages).length / 4) };
      return {
        status: 200,
        headers: {},
        body: { type: 'json', value: { input_tokens: counted.inputTokens } },
      };
    },
  });
  const chatPaths: Record<string, WireFormat> = { '/chat/completions': 'openai', '/messages': 'anthropic' };
  const table = new RouteTable([
    ...middlewares.flatMap((middleware) => middleware.routes ?? []),
    ...(options.routes ?? []),
    ...builtinRoutes,
  ]);

  function baseContext(http: GatewayHttpRequest, endpoint: string, format: WireFormat): RouteContext {
    return {
      endpoint,
      format,
      http,
      ...(http.principal && { principal: http.principal }),
      responseHeaders: {},
      state: {} as GatewayState,
      signal: http.signal,
      clock,
      ids,
      providers,
    };
  }

  async function handleChat(
    http: GatewayHttpRequest,
    path: string,
    format: WireFormat,
  ): Promise<GatewayHttpResponse> {
    let request: ChatRequest;
    try {
      const json = readJsonBody(http.body, http.headers['content-type']);
      request = codecs[format].decodeRequest(json, http.headers);
    } catch (error) {
      return errorResponse(error, format);
    }
    const forwarded: Record<string, string> = {};
    for (const name of forwardHeaders) {
      const value = http.headers[name];
      if (value !== undefined) forwarded[name] = value;
    }
    request.source = { format, extraFields: request.source?.extraFields ?? {}, forwardHeaders: forwarded };
    return handleModelCall(
      modelContext(http, path === '/messages' ? 'messages' : 'chat.completions', format, request),
    );
  }

  async function handle(http: GatewayHttpRequest): Promise<GatewayHttpResponse> {
    const path = normalizePath(http.path);
    const method = http.method.toUpperCase();
    const chatFormat = chatPaths[path];
    if (chatFormat && method === 'POST') return handleChat(http, path, chatFormat);
    let match: ReturnType<RouteTable['match']>;
    try {
      match = table.match(method, path);
    } catch (error) {
      return errorResponse(error, chatFormat ?? formatForPath(path, http.headers));
    }
    const format =
      (match !== undefined && match !== 'method-not-allowed' && match.route.format) ||
      chatFormat ||
      formatForPath(path, http.headers);
    if (match === undefined || match === 'method-not-allowed') {
      const status = match === undefined && !chatFormat ? 404 : 405;
      const message =
        status === 404
          ? `Unknown endpoint: ${http.method} ${http.path}`
          : `Method ${http.method} is not allowed on ${http.path}`;
      return errorResponse(
        new GatewayError(message, { status, code: status === 404 ? 'unknown_url' : 'method_not_allowed' }),
        format,
      );
    }
    const base = baseContext(http, path.slice(1), format);
    const route = match.route;
    try {
      const run = async () => {
        base.response = await route.handler(base, match.params);
      };
      if (route.authenticated === false) await run();
      else await routePipeline(base, run);
      const response = base.response ?? { status: 204, headers: {}, body: { type: 'empty' } };
      return { ...response, headers: { ...base.responseHeaders, ...response.headers } };
    } catch (error) {
      return errorResponse(error, format, base.responseHeaders);
    }
  }

  return {
    handle,
    providers,
    errorResponse(path, headers, error) {
      const normalized = normalizePath(path);
      const single = { 'anthropic-version': headers['anthropic-version'] === undefined ? undefined : '' };
      return errorResponse(error, chatPaths[normalized] ?? formatForPath(normalized, single));
    },
    async close() {
      for (const middleware of middlewares) await middleware.close?.();
    },
  };
}
