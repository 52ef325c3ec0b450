import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request.js';
import { readFixture } from './openai-test-utils.js';

function decodeError(body: unknown): GatewayError {
  try {
    decodeOpenAIChatRequest(body);
  } catch (error) {
    if (GatewayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the request to be rejected');
}

const hi = [{ role: 'user', content: 'Hi' }];

describe('decodeOpenAIChatRequest', () => {
  it('decodes the full request fixture into the canonical request', () => {
    const request = decodeOpenAIChatRequest(readFixture('openai-chat-request.json'));
    expect(request).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'system',
          content: [{ type: 'text', text: 'You are a terse assistant.' }],
          providerOptions: { openai: { role: 'developer' } },
        },
        {
          role: 'system',
          content: [
            {
              type: 'text',
              text: 'Answer in English.',
              providerOptions: {
                openai: { cache_control: { type: 'ephemeral' } },
                anthropic: { cache_control: { type: 'ephemeral' } },
              },
            },
          ],
          providerOptions: { openai: { name: 'policy' } },
        },
        {
          role: 'user',
          name: 'ada',
          content: [
            { type: 'text', text: 'What is the weather where this photo was taken?' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/paris.jpg' }, detail: 'low' },
            { type: 'image', source: { type: 'base64', data: 'iVBORw0KGgo=' }, mediaType: 'image/png' },
            { type: 'file', source: { type: 'base64', data: 'UklGRg==' }, mediaType: 'audio/wav' },
            {
              type: 'file',
              source: { type: 'base64', data: 'JVBERi0xLjQ=' },
              mediaType: 'application/pdf',
              filename: 'notes.pdf',
            },
            {
              type: 'file',
              source: { type: 'file-id', fileId: 'file-abc123' },
              mediaType: 'application/octet-stream',
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'The photo shows the Eiffel Tower.' },
            { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{"city":"Paris"}' },
          ],
          providerOptions: { openai: { audio: { id: 'audio_abc' } } },
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', output: '18C and sunny' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'It is 18C and sunny in Paris.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Thanks!' }] },
      ],
      stream: true,
      includeUsage: true,
      maxOutputTokens: 256,
      providerOptions: { openai: { maxTokensField: 'max_completion_tokens' } },
      temperature: 0.2,
      topP: 0.9,
      presencePenalty: 0.1,
      frequencyPenalty: 0.3,
      stopSequences: ['END'],
      seed: 42,
      n: 1,
      responseFormat: { type: 'json', name: 'weather', schema: { type: 'object' }, strict: true },
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Current weather for a city',
          inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          strict: true,
        },
      ],
      toolChoice: { type: 'auto' },
      parallelToolCalls: false,
      reasoning: { effort: 'low' },
      logprobs: true,
      topLogprobs: 2,
      user: 'user-1234',
      metadata: { team: 'search' },
      source: {
        format: 'openai',
        extraFields: {
          logit_bias: { '50256': -100 },
          store: false,
          service_tier: 'auto',
          prediction: { type: 'content', content: 'It is' },
          models: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
          provider: { order: ['openai'], allow_fallbacks: true },
          providerOptions: { gateway: { order: ['openai'] } },
        },
        forwardHeaders: {},
      },
    });
  });

  it('decodes a minimal request with nothing but defaults', () => {
    expect(decodeOpenAIChatRequest({ model: 'gpt-4o-mini', messages: hi })).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      stream: false,
      source: { format: 'openai', extraFields: {}, forwardHeaders: {} },
    });
  });

  it('treats null optional fields as absent', () => {
    const request = decodeOpenAIChatRequest({
      model: 'm',
      messages: hi,
      stop: null,
      temperature: null,
      tools: null,
      stream_options: null,
    });
    expect(request.stopSequences).toBeUndefined();
    expect(request.temperature).toBeUndefined();
    expect(request.source?.extraFields).toEqual({});
  });

  it('remembers max_tokens and keeps stop arrays, JSON mode and named tool choice', () => {
    const request = decodeOpenAIChatRequest({
      model: 'm',
      messages: hi,
      max_tokens: 100,
      stop: ['a', 'b'],
      response_format: { type: 'json_object' },
      tools: [{ type: 'function', function: { name: 'noop' } }],
      tool_choice: { type: 'function', function: { name: 'noop' } },
    });
    expect(request.maxOutputTokens).toBe(100);
    expect(request.providerOptions).toEqual({ openai: { maxTokensField: 'max_tokens' } });
    expect(request.stopSequences).toEqual(['a', 'b']);
    expect(request.responseFormat).toEqual({ type: 'json' });
    expect(request.tools).toEqual([
      { type: 'function', name: 'noop', inputSchema: { type: 'object', properties: {} } },
    ]);
    expect(request.toolChoice).toEqual({ type: 'tool', toolName: 'noop' });
  });

  it('keeps what the canonical model cannot express verbatim in extraFields', () => {
    const allowed = { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [] } };
    const request = decodeOpenAIChatRequest({
      model: 'm',
      messages: hi,
      stream: true,
      stream_options: { include_usage: false, include_obfuscation: false },
      tool_choice: allowed,
      tools: [{ type: 'custom', custom: { name: 'grammar', format: { type: 'text' } } }],
      web_search_options: {},
    });
    expect(request.includeUsage).toBe(false);
    expect(request.toolChoice).toBeUndefined();
    expect(request.tools).toEqual([
      {
        type: 'provider',
        format: 'openai',
        name: 'grammar',
        raw: { type: 'custom', custom: { name: 'grammar', format: { type: 'text' } } },
      },
    ]);
    expect(request.source?.extraFields).toEqual({
      stream_options: { include_usage: false, include_obfuscation: false },
      tool_choice: allowed,
      web_search_options: {},
    });
  });
});

describe('decodeOpenAIChatRequest errors', () => {
  it('names a missing model or messages', () => {
    const noModel = decodeError({ messages: hi });
    expect(noModel.status).toBe(400);
    expect(noModel.type).toBe('invalid_request_error');
    expect(noModel.param).toBe('model');
    expect(noModel.code).toBe('missing_required_parameter');
    expect(noModel.message).toBe("Missing required parameter: 'model'.");

    const noMessages = decodeError({ model: 'm' });
    expect(noMessages.param).toBe('messages');
    expect(noMessages.message).toBe("Missing required parameter: 'messages'.");
  });

  it('names an invalid role with the supported values', () => {
    const error = decodeError({ model: 'm', messages: [...hi, { role: 'robot', content: 'x' }] });
    expect(error.status).toBe(400);
    expect(error.param).toBe('messages[1].role');
    expect(error.code).toBe('invalid_value');
    expect(error.message).toBe(
      "Invalid value for 'messages[1].role': expected one of system, developer, user, assistant, tool.",
    );
  });

  it('names a missing role', () => {
    const error = decodeError({ model: 'm', messages: [{ content: 'x' }] });
    expect(error.param).toBe('messages[0].role');
    expect(error.message).toBe("Missing required parameter: 'messages[0].role'.");
  });

  it('names a field of the wrong type and what it got', () => {
    const temperature = decodeError({ model: 'm', messages: hi, temperature: 'hot' });
    expect(temperature.param).toBe('temperature');
    expect(temperature.code).toBe('invalid_type');
    expect(temperature.message).toBe(
      "Invalid type for 'temperature': expected a number, but got a string instead.",
    );

    const content = decodeError({ model: 'm', messages: [{ role: 'user', content: 42 }] });
    expect(content.param).toBe('messages[0].content');
    expect(content.message).toBe(
      "Invalid type for 'messages[0].content': expected a string or an array, but got an integer instead.",
    );

    const maxTokens = decodeError({ model: 'm', messages: hi, max_tokens: 1.5 });
    expect(maxTokens.message).toBe(
      "Invalid type for 'max_tokens': expected an integer, but got a decimal instead.",
    );
  });

  it('names the deepest field at fault inside content parts', () => {
    const url = decodeError({
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 3 } }] }],
    });
    expect(url.param).toBe('messages[0].content[0].image_url.url');
    expect(url.message).toBe(
      "Invalid type for 'messages[0].content[0].image_url.url': expected a string, but got an integer instead.",
    );

    const partType = decodeError({ model: 'm', messages: [{ role: 'user', content: [{ type: 'video' }] }] });
    expect(partType.param).toBe('messages[0].content[0].type');
    expect(partType.message).toBe(
      "Invalid value for 'messages[0].content[0].type': expected one of text, image_url, input_audio, file.",
    );

    const detail = decodeError({
      model: 'm',
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'x', detail: 'ultra' } }] },
      ],
    });
    expect(detail.message).toBe(
      "Invalid value for 'messages[0].content[0].image_url.detail': expected one of auto, low, high.",
    );
  });

  it('names invalid enums and tool calls', () => {
    const choice = decodeError({ model: 'm', messages: hi, tool_choice: 'any' });
    expect(choice.param).toBe('tool_choice');
    expect(choice.message).toBe("Invalid value for 'tool_choice': expected one of none, auto, required.");

    const effort = decodeError({ model: 'm', messages: hi, reasoning_effort: 'max' });
    expect(effort.param).toBe('reasoning_effort');

    const call = decodeError({
      model: 'm',
      messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f' } }] }],
    });
    expect(call.param).toBe('messages[0].tool_calls[0].function.arguments');
    expect(call.code).toBe('missing_required_parameter');

    const toolResult = decodeError({ model: 'm', messages: [{ role: 'tool', content: 'x' }] });
    expect(toolResult.message).toBe("Missing required parameter: 'messages[0].tool_call_id'.");
  });

  it('rejects an empty messages array and a body that is not an object', () => {
    const empty = decodeError({ model: 'm', messages: [] });
    expect(empty.param).toBe('messages');
    expect(empty.message).toBe("Invalid value for 'messages': expected a non-empty array.");

    for (const body of [null, 'text', [1, 2]]) {
      const error = decodeError(body);
      expect(error.status).toBe(400);
      expect(error.param).toBeUndefined();
      expect(error.message).toBe('Invalid request body: expected a JSON object.');
    }
  });
});
