import { describe, expect, it } from 'vitest';
import { validateOpenAIRequest } from './openai-validate.js';

const user = { role: 'user', content: 'hi' };
const call = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } };
const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }];

function errorOf(body: unknown) {
  return validateOpenAIRequest(body)?.error;
}

describe('validateOpenAIRequest', () => {
  it('accepts a valid request', () => {
    expect(
      errorOf({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'developer', content: 'be brief' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'weather?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            ],
          },
          { role: 'assistant', content: null, tool_calls: [call] },
          { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
        ],
        tools,
        tool_choice: 'auto',
        stream: true,
        stream_options: { include_usage: true },
        temperature: null,
      }),
    ).toBeUndefined();
  });

  it('requires model and non-empty messages', () => {
    expect(errorOf({ messages: [user] })).toEqual({
      message: 'you must provide a model parameter',
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
    expect(errorOf({ model: 'm' })).toMatchObject({ param: 'messages', code: 'missing_required_parameter' });
    expect(errorOf({ model: 'm', messages: [] })).toMatchObject({
      message:
        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      code: 'empty_array',
    });
  });

  it('rejects unknown top-level parameters', () => {
    expect(errorOf({ model: 'm', messages: [user], top_k: 3 })).toMatchObject({
      message: 'Unrecognized request argument supplied: top_k',
      param: null,
    });
  });

  it('checks roles and content part types', () => {
    expect(errorOf({ model: 'm', messages: [{ role: 'robot', content: 'x' }] })).toMatchObject({
      message:
        "Invalid value: 'robot'. Supported values are: 'system', 'developer', 'user', 'assistant', and 'tool'.",
      param: 'messages[0].role',
      code: 'invalid_value',
    });
    expect(
      errorOf({ model: 'm', messages: [{ role: 'user', content: [{ type: 'video', video: {} }] }] }),
    ).toMatchObject({
      param: 'messages[0].content[0].type',
      code: 'invalid_value',
    });
    expect(
      errorOf({
        model: 'm',
        messages: [
          { role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] },
        ],
      }),
    ).toMatchObject({
      message: "Invalid value: 'image_url'. Supported values are: 'text'.",
    });
    expect(errorOf({ model: 'm', messages: [{ role: 'user', content: 5 }] })).toMatchObject({
      message:
        "Invalid type for 'messages[0].content': expected one of a string or an array, but got an integer instead.",
      code: 'invalid_type',
    });
    expect(
      errorOf({
        model: 'm',
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:text/plain;base64,AA' } }] },
        ],
      }),
    ).toMatchObject({
      code: 'invalid_image_url',
    });
    expect(errorOf({ model: 'm', messages: [{ role: 'assistant' }] })).toMatchObject({
      message: "Invalid value for 'content': expected a string, got null.",
    });
  });

  it('checks ranges and dependent parameters', () => {
    expect(errorOf({ model: 'm', messages: [user], temperature: 3 })).toMatchObject({
      message:
        "Invalid 'temperature': integer above maximum value. Expected a value <= 2, but got 3 instead.",
      param: 'temperature',
    });
    expect(errorOf({ model: 'm', messages: [user], stream_options: { include_usage: true } })).toMatchObject({
      message: "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
    });
    expect(errorOf({ model: 'm', messages: [user], tool_choice: 'auto' })).toMatchObject({
      param: 'tool_choice',
    });
    expect(
      errorOf({
        model: 'm',
        messages: [user],
        tools: [{ type: 'function', function: { name: 'bad name' } }],
      }),
    ).toMatchObject({
      param: 'tools[0].function.name',
    });
  });

  it('pairs tool messages with the tool calls before them', () => {
    expect(
      errorOf({ model: 'm', messages: [user, { role: 'tool', tool_call_id: 'call_1', content: 'x' }] }),
    ).toMatchObject({
      message:
        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
      param: 'messages.[1].role',
    });
    expect(
      errorOf({
        model: 'm',
        messages: [
          user,
          { role: 'assistant', tool_calls: [call] },
          { role: 'tool', tool_call_id: 'call_2', content: 'x' },
        ],
      }),
    ).toMatchObject({ param: 'messages.[2].tool_call_id' });
    const unanswered = {
      message:
        "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_1",
      param: 'messages.[1].role',
    };
    expect(
      errorOf({ model: 'm', messages: [user, { role: 'assistant', tool_calls: [call] }, user] }),
    ).toMatchObject(unanswered);
    expect(
      errorOf({ model: 'm', messages: [user, { role: 'assistant', tool_calls: [call] }] }),
    ).toMatchObject(unanswered);
  });
});
