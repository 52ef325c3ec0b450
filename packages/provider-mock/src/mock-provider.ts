import {
  GatewayError,
  type GenerateResult,
  type ModelInfo,
  type ProviderAdapter,
  type ProviderCall,
  type StreamPart,
  type StreamResult,
  type Usage,
  type Warning,
} from '@signalbox/core';
import { type Faults, FlakyCounter, parseFaults } from './faults.js';
import { countInputTokens, countOutputTokens, type MockReply, mockReply } from './mock-reply.js';

/** Options of {@link createMockProvider}. */
export interface MockProviderOptions {
  /** Provider name in the gateway; default `mock`. */
  name?: string;
  /** Models listed by `GET /v1/models`; any id is served. Default `['echo']`. */
  models?: string[];
  /** Waits `ms` or until the signal aborts; injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Seconds since the epoch for `created`; injectable. */
  now?: () => number;
  /** How many recent calls `calls` keeps (older ones are dropped, so a long-running gateway does not grow). Default 1,000. */
  maxRecordedCalls?: number;
}

/** A mock provider that also records what it was called with (the most recent calls). */
export interface MockProvider extends ProviderAdapter {
  readonly calls: ProviderCall[];
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The operation was aborted', 'AbortError');
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function usageOf(call: ProviderCall, reply: MockReply): Usage {
  const input = countInputTokens(call.request);
  const output = countOutputTokens(reply.content);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
}

function warningsOf(call: ProviderCall): Warning[] {
  const warnings: Warning[] = [];
  if (call.request.topK !== undefined) warnings.push({ type: 'unsupported', feature: 'topK' });
  if (call.request.n !== undefined && call.request.n > 1)
    warnings.push({ type: 'unsupported', feature: 'n', details: 'The mock model returns one choice.' });
  return warnings;
}

/**
 * A deterministic offline provider: replies `echo: <last user text>`, streams word by word,
 * calls a tool when asked, counts usage, and fails on demand through fault directives in the
 * model id (see `parseFaults`). The default provider of the example gateway.
 *
 * @example
 * ```ts
 * import { createGateway } from '@signalbox/core';
 * import { createMockProvider } from '@signalbox/provider-mock';
 *
 * const mock = createMockProvider(); // serves `mock/<anything>`: `mock/echo`, `mock/echo:delay-500`...
 * const gateway = createGateway({ providers: [mock] });
 * // after a request: mock.calls[0].request is the canonical request the provider received
 * ```
 */
export function createMockProvider(options: MockProviderOptions = {}): MockProvider {
  const name = options.name ?? 'mock';
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const flaky = new FlakyCounter();
  const calls: ProviderCall[] = [];

  const maxRecordedCalls = options.maxRecordedCalls ?? 1_000;

  async function beforeAnswer(call: ProviderCall, faults: Faults): Promise<void> {
    calls.push(call);
    // Trimmed in batches (amortised O(1)): keeps the last `maxRecordedCalls`.
    if (calls.length >= 2 * maxRecordedCalls) calls.splice(0, calls.length - maxRecordedCalls);
    if (call.signal.aborted) throw abortError(call.signal);
    if (faults.delayMs) await sleep(faults.delayMs, call.signal);
    if (faults.hang) await sleep(2 ** 31 - 1, call.signal);
    const status = flaky.next(call.modelId, faults) ?? faults.status;
    if (status !== undefined) {
      throw new GatewayError(`Mock provider failure ${status} for ${call.modelId}`, {
        status,
        provider: name,
        ...(faults.retryAfter !== undefined && { retryAfter: faults.retryAfter }),
      });
    }
    if (faults.reset) {
      throw new GatewayError('Mock provider connection reset', {
        status: 502,
        type: 'upstream_error',
        provider: name,
      });
    }
    if (faults.badJson) {
      throw new GatewayError('Mock provider returned an invalid response', {
        status: 502,
        type: 'upstream_error',
        provider: name,
      });
    }
  }

  let answered = 0;
  function responseInfo(call: ProviderCall) {
    answered += 1;
    return { id: `mock-${answered}`, modelId: call.modelId.split(':')[0], created: now() };
  }

  async function* streamParts(
    call: ProviderCall,
    faults: Faults,
    reply: MockReply,
  ): AsyncGenerator<StreamPart> {
    yield { type: 'stream-start', warnings: warningsOf(call) };
    yield { type: 'response-metadata', ...responseInfo(call) };
    let sent = 0;
    const drip = async () => {
      if (faults.dripMs) await sleep(faults.dripMs, call.signal);
      sent += 1;
      if (faults.dropAfter !== undefined && sent > faults.dropAfter) {
        throw new GatewayError('Mock provider dropped the stream', {
          status: 502,
          type: 'upstream_error',
          provider: name,
        });
      }
    };
    try {
      for (const [index, part] of reply.content.entries()) {
        if (part.type === 'text') {
          const id = `text-${index}`;
          yield { type: 'text-start', id };
          for (const word of part.text.split(/(?<= )/)) {
            await drip();
            yield { type: 'text-delta', id, delta: word };
          }
          yield { type: 'text-end', id };
        } else if (part.type === 'tool-call') {
          await drip();
          yield { type: 'tool-input-start', id: part.toolCallId, toolName: part.toolName };
          yield { type: 'tool-input-delta', id: part.toolCallId, delta: part.input };
          yield { type: 'tool-input-end', id: part.toolCallId };
          yield part;
        }
      }
    } catch (error) {
      if (call.signal.aborted) throw error;
      yield { type: 'error', error };
      return;
    }
    if (faults.truncate) return;
    yield {
      type: 'finish',
      finishReason: { unified: reply.finish, raw: reply.finish },
      usage: usageOf(call, reply),
    };
  }

  return {
    specificationVersion: 'v1',
    name,
    calls,

    async generate(call: ProviderCall): Promise<GenerateResult> {
      const { faults } = parseFaults(call.modelId);
      await beforeAnswer(call, faults);
      const reply = mockReply(call.request);
      return {
        content: reply.content,
        finishReason: { unified: reply.finish, raw: reply.finish },
        usage: usageOf(call, reply),
        warnings: warningsOf(call),
        response: responseInfo(call),
      };
    },

    async stream(call: ProviderCall): Promise<StreamResult> {
      const { faults } = parseFaults(call.modelId);
      await beforeAnswer(call, faults);
      return { stream: streamParts(call, faults, mockReply(call.request)) };
    },

    async listModels(): Promise<ModelInfo[]> {
      return (options.models ?? ['echo']).map((id) => ({
        id,
        name: `Mock ${id}`,
        ownedBy: name,
        created: 0,
      }));
    },

    async countTokens(call: ProviderCall) {
      return { inputTokens: countInputTokens(call.request) };
    },
  };
}
