import { describe, expect, it } from 'vitest';
import { validateConverseRequest } from './fake-bedrock-validate.js';

const user = (text: string) => ({ role: 'user', content: [{ text }] });
const tools = { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }] };

describe('validateConverseRequest', () => {
  it('accepts a documented request', () => {
    expect(
      validateConverseRequest({
        messages: [user('Hi')],
        system: [{ text: 'Be brief' }, { cachePoint: { type: 'default' } }],
        inferenceConfig: { maxTokens: 10, temperature: 0.5, topP: 1, stopSequences: ['x'] },
        toolConfig: { ...tools, toolChoice: { tool: { name: 'get_weather' } } },
        additionalModelRequestFields: { top_k: 3 },
        requestMetadata: { a: 'b' },
      }),
    ).toBeUndefined();
  });

  it.each([
    [{ messages: [user('Hi')], model: 'x' }, /extraneous key \[model\]/],
    [{ messages: [] }, /at least 1 message/],
    [{ messages: [{ role: 'assistant', content: [{ text: 'x' }] }] }, /must start with a user message/],
    [{ messages: [user('a'), user('b')] }, /must alternate/],
    [{ messages: [user('  ')] }, /is blank/],
    [
      { messages: [{ role: 'user', content: [{ text: 'a', image: {} }] }] },
      /exactly one of the supported fields/,
    ],
    [
      { messages: [{ role: 'user', content: [{ image: { format: 'tiff', source: { bytes: 'AA==' } } }] }] },
      /image.format/,
    ],
    [
      { messages: [{ role: 'user', content: [{ image: { format: 'png', source: { bytes: '***' } } }] }] },
      /Invalid base64/,
    ],
    [
      {
        messages: [
          {
            role: 'user',
            content: [{ document: { format: 'pdf', name: 'a_b.pdf', source: { bytes: 'AA==' } } }],
          },
        ],
      },
      /document file name/,
    ],
    [{ messages: [user('Hi')], inferenceConfig: { temperature: 1.5 } }, /inferenceConfig.temperature/],
    [{ messages: [user('Hi')], inferenceConfig: { topK: 5 } }, /Unknown field 'inferenceConfig.topK'/],
    [
      { messages: [user('Hi')], inferenceConfig: { stopSequences: ['a', 'b', 'c', 'd', 'e'] } },
      /stopSequences/,
    ],
    [
      {
        messages: [user('Hi')],
        toolConfig: { tools: [{ toolSpec: { name: 'bad name', inputSchema: { json: {} } } }] },
      },
      /toolSpec.name/,
    ],
    [
      { messages: [user('Hi')], toolConfig: { ...tools, toolChoice: { tool: { name: 'other' } } } },
      /not in toolConfig.tools/,
    ],
    [
      {
        messages: [
          user('Hi'),
          { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'get_weather', input: {} } }] },
          user('next'),
        ],
        toolConfig: tools,
      },
      /Expected toolResult blocks at messages.2.content for the following Ids: t1/,
    ],
    [
      {
        messages: [
          user('Hi'),
          { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'get_weather', input: {} } }] },
        ],
      },
      /toolConfig field must be defined/,
    ],
    [
      {
        messages: [
          {
            role: 'user',
            content: Array.from({ length: 5 }, () => ({ cachePoint: { type: 'default' } })).flatMap(
              (point) => [{ text: 'x' }, point],
            ),
          },
        ],
      },
      /maximum of 4 cache points/,
    ],
  ])('rejects %j', (body, message) => {
    expect(validateConverseRequest(body)).toMatch(message);
  });
});
