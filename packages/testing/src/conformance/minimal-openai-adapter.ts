import {
  type ChatRequest,
  GatewayError,
  type GenerateResult,
  type Message,
  type ProviderAdapter,
  type ProviderCall,
  parseRetryAfter,
  parseSse,
  type StreamPart,
  type Usage,
  type Warning,
} from '@signalbox/core';

/**
 * A deliberately small OpenAI Chat Completions adapter, only for testing the conformance suite
 * against the fake upstream (the real one lives in `@signalbox/provider-openai`).
 */

interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
}
interface WireToolCall {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}
interface WireChoice {
  message?: { content: string | null; tool_calls?: WireToolCall[] };
  delta?: { content?: string | null; tool_calls?: WireToolCall[] };
  finish_reason: string | null;
}
interface WireBody {
  id?: string;
  choices?: WireChoice[];
  usage?: WireUsage | null;
  error?: { message: string };
}

function wireMessage(message: Message): Record<string, unknown>[] {
  switch (message.role) {
    case 'system':
      return [{ role: 'system', content: message.content.map((part) => part.text).join('') }];
    case 'user':
      return [
        {
          role: 'user',
          content: message.content.map((part) =>
            part.type === 'text'
              ? { type: 'text', text: part.text }
              : {
                  type: 'image_url',
                  image_url: {
                    url:
                      part.source.type === 'base64'
                        ? `data:${part.mediaType};base64,${part.source.data}`
                        : part.source.type === 'url'
                          ? part.source.url
                          : '',
                  },
                },
          ),
        },
      ];
    case 'assistant': {
      const calls = message.content.flatMap((part) =>
        part.type === 'tool-call'
          ? [
              {
                id: part.toolCallId,
                type: 'function',
                function: { name: part.toolName, arguments: part.input },
              },
            ]
          : [],
      );
      const text = message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
      return [{ role: 'assistant', content: text || null, ...(calls.length > 0 && { tool_calls: calls }) }];
    }
    case 'tool':
      return message.content.map((part) => ({
        role: 'tool',
        tool_call_id: part.toolCallId,
        content: typeof part.output === 'string' ? part.output : JSON.stringify(part.output),
      }));
  }
}

function wireRequest(
  modelId: string,
  request: ChatRequest,
): { body: Record<string, unknown>; warnings: Warning[] } {
  const warnings: Warning[] = request.topK === undefined ? [] : [{ type: 'unsupported', feature: 'topK' }];
  const body: Record<string, unknown> = { model: modelId, messages: request.messages.flatMap(wireMessage) };
  if (request.maxOutputTokens !== undefined) body.max_completion_tokens = request.maxOutputTokens;
  if (request.tools) {
    body.tools = request.tools.flatMap((tool) =>
      tool.type === 'function'
        ? [{ type: 'function', function: { name: tool.name, parameters: tool.inputSchema } }]
        : [],
    );
  }
  if (request.stream) Object.assign(body, { stream: true, stream_options: { include_usage: true } });
  return { body, warnings };
}

function usageOf(usage: WireUsage | null | undefined): Usage {
  return {
    inputTokens: {
      total: usage?.prompt_tokens,
      noCache: usage?.prompt_tokens,
      cacheRead: 0,
      cacheWrite: undefined,
    },
    outputTokens: { total: usage?.completion_tokens, text: usage?.completion_tokens, reasoning: undefined },
  };
}

function finishOf(raw: string | null | undefined) {
  return {
    unified:
      raw === 'tool_calls'
        ? ('tool-calls' as const)
        : raw === 'length'
          ? ('length' as const)
          : ('stop' as const),
    raw: raw ?? undefined,
  };
}

/** Creates the minimal adapter for a fake (or real) OpenAI base URL. */
export function createMinimalOpenAIAdapter(options: { baseURL: string; apiKey: string }): ProviderAdapter {
  async function send(call: ProviderCall, body: Record<string, unknown>): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${options.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
        body: JSON.stringify(body),
        signal: call.signal,
      });
    } catch (error) {
      if (call.signal.aborted) throw error;
      throw new GatewayError('upstream unreachable', { status: 502, cause: error });
    }
    if (response.ok) return response;
    const headers = Object.fromEntries(response.headers);
    const text = await response.text();
    throw new GatewayError(text, { status: response.status, retryAfter: parseRetryAfter(headers) });
  }

  async function* parts(response: Response, warnings: Warning[]): AsyncGenerator<StreamPart> {
    yield { type: 'stream-start', warnings };
    const calls = new Map<number, { id: string; name: string; input: string }>();
    let textOpen = false;
    let finish: string | null = null;
    let usage: WireUsage | null | undefined;
    try {
      for await (const event of parseSse(response.body ?? new ReadableStream())) {
        if (event.data === '[DONE]') break;
        const chunk = JSON.parse(event.data) as WireBody;
        usage = chunk.usage ?? usage;
        const choice = chunk.choices?.[0];
        if (choice?.delta?.content) {
          if (!textOpen) yield { type: 'text-start', id: 'text' };
          textOpen = true;
          yield { type: 'text-delta', id: 'text', delta: choice.delta.content };
        }
        for (const delta of choice?.delta?.tool_calls ?? []) {
          const index = delta.index ?? 0;
          let state = calls.get(index);
          if (!state) {
            state = { id: delta.id ?? `call_${index}`, name: delta.function?.name ?? '', input: '' };
            calls.set(index, state);
            yield { type: 'tool-input-start', id: state.id, toolName: state.name };
          }
          if (delta.function?.arguments) {
            state.input += delta.function.arguments;
            yield { type: 'tool-input-delta', id: state.id, delta: delta.function.arguments };
          }
        }
        finish = choice?.finish_reason ?? finish;
      }
    } catch (error) {
      yield { type: 'error', error };
      return;
    }
    if (textOpen) yield { type: 'text-end', id: 'text' };
    for (const state of calls.values()) {
      yield { type: 'tool-input-end', id: state.id };
      yield { type: 'tool-call', toolCallId: state.id, toolName: state.name, input: state.input };
    }
    yield { type: 'finish', finishReason: finishOf(finish), usage: usageOf(usage) };
  }

  return {
    specificationVersion: 'v1',
    name: 'minimal-openai',
    format: 'openai',
    async generate(call): Promise<GenerateResult> {
      const { body, warnings } = wireRequest(call.modelId, { ...call.request, stream: false });
      const response = await send(call, body);
      let wire: WireBody;
      try {
        wire = (await response.json()) as WireBody;
      } catch (error) {
        if (call.signal.aborted) throw error;
        throw new GatewayError('invalid upstream response', { status: 502, cause: error });
      }
      const choice = wire.choices?.[0];
      const content: GenerateResult['content'] = [];
      if (choice?.message?.content) content.push({ type: 'text', text: choice.message.content });
      for (const toolCall of choice?.message?.tool_calls ?? []) {
        content.push({
          type: 'tool-call',
          toolCallId: toolCall.id ?? '',
          toolName: toolCall.function?.name ?? '',
          input: toolCall.function?.arguments ?? '',
        });
      }
      return {
        content,
        finishReason: finishOf(choice?.finish_reason),
        usage: usageOf(wire.usage),
        warnings,
        response: { id: wire.id },
      };
    },
    async stream(call) {
      const { body, warnings } = wireRequest(call.modelId, { ...call.request, stream: true });
      return { stream: parts(await send(call, body), warnings) };
    },
  };
}
