import { describe, expect, it } from 'vitest';
import { attemptAttributes, requestAttributes, responseAttributes } from './gen-ai-attributes.js';
import { logRecord } from './test-records.js';

describe('GenAI attributes', () => {
  it('maps request settings', () => {
    expect(
      requestAttributes({
        model: 'm',
        stream: false,
        messages: [],
        topP: 0.9,
        stopSequences: ['x'],
        n: 2,
        responseFormat: { type: 'json' },
      }),
    ).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'm',
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.stop_sequences': ['x'],
      'gen_ai.request.choice.count': 2,
      'gen_ai.output.type': 'json',
      'signalbox.stream': false,
    });
  });

  it('maps the record, with semconv finish reasons and no unknown counts', () => {
    const attributes = responseAttributes(
      logRecord({
        finishReason: 'tool-calls',
        tokens: { input: 3, output: null, noCache: 3, cacheRead: null, cacheWrite: null, reasoning: null },
      }),
      'echo-2026',
    );
    expect(attributes).toMatchObject({
      'gen_ai.provider.name': 'mock',
      'gen_ai.response.model': 'echo-2026',
      'gen_ai.usage.input_tokens': 3,
      'gen_ai.response.finish_reasons': ['tool_calls'],
      'signalbox.cost': '0.000015',
    });
    expect(attributes).not.toHaveProperty('gen_ai.usage.output_tokens');
    expect(attributes).not.toHaveProperty('error.type');
  });

  it('marks failed attempts', () => {
    expect(
      attemptAttributes(
        {
          model: 'x',
          provider: 'p',
          providerModelId: 'pm',
          credentialType: 'system',
          startTime: 0,
          success: false,
          statusCode: 500,
        },
        1,
      ),
    ).toMatchObject({ 'error.type': '500', 'signalbox.attempt': 2, 'http.response.status_code': 500 });
  });
});
