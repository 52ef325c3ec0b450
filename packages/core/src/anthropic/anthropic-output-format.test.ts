import { describe, expect, it } from 'vitest';
import { decodeAnthropicOutputFormat, hasNativeOutputFormat } from './anthropic-output-format.js';
import { decodeAnthropicMessagesRequest } from './decode-anthropic-request.js';
import { toAnthropicMessagesRequest } from './to-anthropic-request.js';

const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

describe('decodeAnthropicOutputFormat', () => {
  it('reads output_config.format, else the beta output_format', () => {
    expect(
      decodeAnthropicOutputFormat({ output_config: { format: { type: 'json_schema', schema } } }),
    ).toEqual({
      type: 'json',
      schema,
    });
    expect(decodeAnthropicOutputFormat({ output_format: { type: 'json_schema', schema } })).toEqual({
      type: 'json',
      schema,
    });
    expect(decodeAnthropicOutputFormat({ output_config: { format: { type: 'json_schema' } } })).toEqual({
      type: 'json',
    });
  });

  it('ignores anything that is not a JSON schema format', () => {
    expect(decodeAnthropicOutputFormat({})).toBeUndefined();
    expect(decodeAnthropicOutputFormat({ output_config: { effort: 'low' } })).toBeUndefined();
    expect(decodeAnthropicOutputFormat({ output_format: { type: 'text' } })).toBeUndefined();
  });
});

describe('structured outputs of an Anthropic client', () => {
  const wire = {
    model: 'anthropic/claude-haiku-4-5',
    max_tokens: 100,
    messages: [{ role: 'user', content: 'Hi' }],
    output_config: { format: { type: 'json_schema', schema } },
  };

  it('become the canonical response format', () => {
    const request = decodeAnthropicMessagesRequest(wire);
    expect(request.responseFormat).toEqual({ type: 'json', schema });
    expect(hasNativeOutputFormat(request)).toBe(true);
  });

  it('reach Anthropic as sent, without a JSON instruction in the system prompt', () => {
    const request = decodeAnthropicMessagesRequest(wire);
    const { body, warnings } = toAnthropicMessagesRequest({
      modelId: 'claude-haiku-4-5',
      request,
      signal: new AbortController().signal,
    });
    expect(body.output_config).toEqual(wire.output_config);
    expect(body).not.toHaveProperty('system');
    expect(warnings).toEqual([]);
  });

  it('an OpenAI-format request with a JSON format is not native', () => {
    expect(
      hasNativeOutputFormat({
        model: 'm',
        messages: [],
        stream: false,
        responseFormat: { type: 'json', schema },
        source: { format: 'openai', extraFields: { output_config: { format: {} } }, forwardHeaders: {} },
      }),
    ).toBe(false);
  });
});
