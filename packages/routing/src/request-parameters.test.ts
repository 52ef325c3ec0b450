import { describe, expect, it } from 'vitest';
import { requestParameters } from './request-parameters.js';

describe('requestParameters', () => {
  it('names the parameters a request sets, OpenRouter-style', () => {
    expect(
      requestParameters({
        model: 'm',
        stream: false,
        messages: [],
        temperature: 0,
        tools: [{ type: 'function', name: 'f', inputSchema: {} }],
        responseFormat: { type: 'json', schema: {} },
      }),
    ).toEqual(['temperature', 'tools', 'structured_outputs']);
    expect(requestParameters({ model: 'm', stream: false, messages: [] })).toEqual([]);
  });
});
