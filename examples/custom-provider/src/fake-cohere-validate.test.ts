import { describe, expect, it } from 'vitest';
import { validateCohereRequest } from './fake-cohere-validate.js';

const user = { role: 'user', content: 'Hi' };

function errorOf(body: unknown): string | undefined {
  const result = validateCohereRequest(body);
  return 'error' in result ? result.error : undefined;
}

describe('validateCohereRequest', () => {
  it('accepts a documented request', () => {
    const body = {
      model: 'command-a-03-2025',
      stream: true,
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
          ],
        },
        {
          role: 'assistant',
          tool_plan: 'I will check.',
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: [{ type: 'document', document: { data: '{"t":21}' } }] },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
      tool_choice: 'REQUIRED',
      response_format: { type: 'json_object', json_schema: { type: 'object' } },
      max_tokens: 10,
      temperature: 0.3,
      p: 0.75,
      k: 0,
      safety_mode: 'OFF',
      thinking: { type: 'enabled', token_budget: 100 },
    };
    expect(validateCohereRequest(body)).toEqual({ request: body });
  });

  it('requires a model and non-empty messages', () => {
    expect(errorOf({ messages: [user] })).toBe(
      'invalid request: a model parameter is required for this endpoint.',
    );
    expect(errorOf({ model: 'm', messages: [] })).toBe('invalid request: messages must not be empty.');
    expect(errorOf({ model: 'm' })).toMatch(/^invalid request: messages: /);
    expect(errorOf('text')).toMatch(/^invalid request: body: /);
  });

  it('rejects unknown fields, at the top and inside messages', () => {
    expect(errorOf({ model: 'm', messages: [user], top_p: 0.5 })).toBe(
      'invalid request: unknown field: parameter top_p is not a valid field',
    );
    expect(errorOf({ model: 'm', messages: [{ ...user, name: 'a' }] })).toBe(
      'invalid request: unknown field: parameter name is not a valid field in messages[0]',
    );
  });

  it('rejects unknown roles and content item types', () => {
    expect(errorOf({ model: 'm', messages: [{ role: 'developer', content: 'x' }] })).toBe(
      'invalid request: invalid role in messages[0]: role must be one of system, user, assistant, tool.',
    );
    expect(errorOf({ model: 'm', messages: [{ role: 'user', content: [{ type: 'audio' }] }] })).toMatch(
      /^invalid request: messages\[0\]\.content\[0\]\.type: /,
    );
    expect(errorOf({ model: 'm', messages: [{ role: 'user', content: 5 }] })).toBe(
      'invalid request: messages[0].content must be a string or a list of content items.',
    );
  });

  it('checks ranges as Cohere words them', () => {
    expect(errorOf({ model: 'm', messages: [user], temperature: 2 })).toBe(
      'invalid request: temperature must be between 0 and 1 inclusive.',
    );
    expect(errorOf({ model: 'm', messages: [user], p: 1 })).toBe(
      'invalid request: p must be between 0.01 and 0.99 inclusive.',
    );
    expect(errorOf({ model: 'm', messages: [user], k: 501 })).toMatch(/^invalid request: k: /);
  });

  it('requires content in user turns and content or tool calls in assistant turns', () => {
    expect(errorOf({ model: 'm', messages: [{ role: 'user', content: ' ' }] })).toMatch(
      /at least 1 token long/,
    );
    expect(errorOf({ model: 'm', messages: [user, { role: 'assistant' }] })).toBe(
      'invalid request: messages[1]: an assistant message must have content or tool_calls.',
    );
  });

  it('pairs tool results with the calls of the assistant turn before them', () => {
    const call = (id: string) => ({ id, type: 'function', function: { name: 'f', arguments: '{}' } });
    const assistant = { role: 'assistant', tool_calls: [call('a'), call('b')] };
    const result = (id: string) => ({ role: 'tool', tool_call_id: id, content: 'ok' });
    expect(
      errorOf({ model: 'm', messages: [user, assistant, result('a'), result('b'), user] }),
    ).toBeUndefined();
    expect(errorOf({ model: 'm', messages: [user, result('a')] })).toMatch(
      /messages\[1\]: tool_call_id 'a' does not match/,
    );
    expect(errorOf({ model: 'm', messages: [user, assistant, result('a'), user] })).toBe(
      "invalid request: messages[1]: tool call 'b' has no tool result before messages[3].",
    );
    expect(errorOf({ model: 'm', messages: [user, assistant, result('a')] })).toBe(
      "invalid request: messages[1]: tool call 'b' has no tool result.",
    );
    expect(errorOf({ model: 'm', messages: [user, assistant, result('a'), result('a')] })).toMatch(
      /tool_call_id 'a'/,
    );
  });

  it('accepts tool_choice only with tools', () => {
    expect(errorOf({ model: 'm', messages: [user], tool_choice: 'REQUIRED' })).toBe(
      'invalid request: tool_choice can only be set when tools are specified.',
    );
    expect(errorOf({ model: 'm', messages: [user], tool_choice: 'AUTO' })).toMatch(
      /^invalid request: tool_choice: /,
    );
  });
});
