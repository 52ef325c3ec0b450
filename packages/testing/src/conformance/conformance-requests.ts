import type { ChatRequest, FunctionTool, Message, ProviderCall } from '@signalbox/core';

/** A 1x1 transparent PNG, base64. */
export const tinyPngBase64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** The tool the conformance suite offers. */
export const weatherTool: FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'The current weather in a city.',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string', description: 'City name' } },
    required: ['city'],
    additionalProperties: false,
  },
};

/** A user message of plain text. */
export function userText(text: string): Message {
  return { role: 'user', content: [{ type: 'text', text }] };
}

/** A canonical request with defaults the suite relies on (one user message, not streamed). */
export function chatRequest(modelId: string, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: modelId,
    messages: [userText('Say hello to the conformance suite.')],
    stream: false,
    maxOutputTokens: 200,
    ...overrides,
  };
}

/** A provider call for `modelId`; pass a signal to abort it. */
export function providerCall(
  modelId: string,
  overrides: Partial<ChatRequest> = {},
  signal: AbortSignal = new AbortController().signal,
): ProviderCall {
  return { modelId, request: chatRequest(modelId, overrides), signal };
}

/** The question that makes a model (real or fake) call the weather tool. */
export const weatherQuestion = 'What is the weather in Paris right now? Use the get_weather tool.';
