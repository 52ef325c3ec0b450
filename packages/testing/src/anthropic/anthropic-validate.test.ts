import { describe, expect, it } from 'vitest';
import { validateAnthropicRequest } from './anthropic-validate.js';

const user = { role: 'user', content: 'hi' };
const weather = {
  name: 'get_weather',
  input_schema: { type: 'object', properties: { city: { type: 'string' } } },
};
const toolUse = { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } };
const toolResult = { type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' };

function messageOf(body: unknown) {
  return validateAnthropicRequest(body)?.error.message;
}

describe('validateAnthropicRequest', () => {
  it('accepts a valid request, merging consecutive turns of the same role', () => {
    expect(
      validateAnthropicRequest({
        model: 'claude-haiku-4-5',
        max_tokens: 100,
        system: [{ type: 'text', text: 'be brief', cache_control: { type: 'ephemeral' } }],
        tools: [weather, { type: 'web_search_20250305', name: 'web_search' }],
        messages: [
          user,
          {
            role: 'user',
            content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA' } }],
          },
          { role: 'assistant', content: [{ type: 'text', text: 'let me check' }, toolUse] },
          { role: 'user', content: [toolResult] },
          { role: 'user', content: 'and tomorrow?' },
        ],
        stream: true,
      }),
    ).toBeUndefined();
  });

  it('requires model, max_tokens and messages', () => {
    expect(validateAnthropicRequest({ model: 'm', messages: [user] })).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
    });
    expect(messageOf({ max_tokens: 1, messages: [user] })).toBe('model: Field required');
    expect(messageOf({ model: 'm', max_tokens: 1, messages: [] })).toBe(
      'messages: at least one message is required',
    );
    expect(messageOf({ model: 'm', max_tokens: 1.5, messages: [user] })).toBe(
      'max_tokens: Input should be a valid integer',
    );
  });

  it('rejects unknown top-level fields', () => {
    expect(messageOf({ model: 'm', max_tokens: 1, messages: [user], frequency_penalty: 1 })).toBe(
      'frequency_penalty: Extra inputs are not permitted',
    );
  });

  it('checks roles, block types and ranges', () => {
    expect(messageOf({ model: 'm', max_tokens: 1, messages: [{ role: 'system', content: 'x' }] })).toBe(
      "messages.0.role: Input should be 'user' or 'assistant'",
    );
    expect(
      messageOf({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: [{ type: 'video' }] }] }),
    ).toMatch(
      /^messages\.0\.content\.0: Input tag 'video' found using 'type' does not match any of the expected tags: 'text', 'image'/,
    );
    expect(
      messageOf({
        model: 'm',
        max_tokens: 1,
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: '' } }],
          },
        ],
      }),
    ).toBe(
      "messages.0.content.0.source.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'",
    );
    expect(messageOf({ model: 'm', max_tokens: 1, messages: [user], temperature: 1.5 })).toBe(
      'temperature: Input should be less than or equal to 1',
    );
    expect(messageOf({ model: 'm', max_tokens: 1, messages: [{ role: 'assistant', content: 'x' }] })).toBe(
      'messages: first message must use the "user" role',
    );
    expect(
      messageOf({
        model: 'm',
        max_tokens: 1,
        messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }],
      }),
    ).toBe('messages: text content blocks must be non-empty');
    expect(messageOf({ model: 'm', max_tokens: 1, messages: [user], tools: [{ name: 'x' }] })).toBe(
      'tools.0.input_schema: Field required',
    );
  });

  it('requires every tool_use to be answered first thing in the next user turn', () => {
    const base = { model: 'm', max_tokens: 10, tools: [weather] };
    expect(messageOf({ ...base, messages: [user, { role: 'assistant', content: [toolUse] }, user] })).toBe(
      'messages.2: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1. Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
    );
    expect(messageOf({ ...base, messages: [user, { role: 'user', content: [toolResult] }] })).toMatch(
      /^messages\.1\.content\.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_1/,
    );
    expect(
      messageOf({
        ...base,
        messages: [
          user,
          { role: 'assistant', content: [toolUse] },
          { role: 'user', content: [{ type: 'text', text: 'x' }, toolResult] },
        ],
      }),
    ).toMatch(/^messages\.2\.content\.1: `tool_result` blocks must come first/);
    expect(messageOf({ ...base, messages: [user, { role: 'assistant', content: [toolResult] }] })).toMatch(
      /not allowed in `assistant` messages/,
    );
  });

  it('allows at most 4 cache_control breakpoints', () => {
    const marked = { type: 'text', text: 'x', cache_control: { type: 'ephemeral' } };
    expect(
      messageOf({
        model: 'm',
        max_tokens: 1,
        messages: [{ role: 'user', content: [marked, marked, marked, marked, marked] }],
      }),
    ).toBe('A maximum of 4 blocks with cache_control may be provided. Found 5.');
  });

  it('checks thinking budgets against max_tokens', () => {
    expect(
      messageOf({
        model: 'm',
        max_tokens: 1024,
        messages: [user],
        thinking: { type: 'enabled', budget_tokens: 2048 },
      }),
    ).toMatch(/^`max_tokens` must be greater than `thinking.budget_tokens`/);
  });

  it('validates count_tokens bodies without max_tokens', () => {
    expect(validateAnthropicRequest({ model: 'm', messages: [user] }, 'count_tokens')).toBeUndefined();
    expect(
      validateAnthropicRequest({ model: 'm', messages: [user], max_tokens: 5 }, 'count_tokens')?.error
        .message,
    ).toBe('max_tokens: Extra inputs are not permitted');
  });
});
