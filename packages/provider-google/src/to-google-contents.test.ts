import { GatewayError, type Message, type Warning } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import {
  SKIP_THOUGHT_SIGNATURE,
  type ToGoogleContentsOptions,
  toGoogleContents,
} from './to-google-contents.js';

const png =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const gemini: ToGoogleContentsOptions = {
  provider: 'google',
  functionCallIds: true,
  gemini3: false,
  filesBaseURL: 'https://generativelanguage.googleapis.com/v1beta',
};

function convert(messages: Message[], options: Partial<ToGoogleContentsOptions> = {}) {
  const warnings: Warning[] = [];
  return { ...toGoogleContents(messages, warnings, { ...gemini, ...options }), warnings };
}

const weatherCall: Message = {
  role: 'assistant',
  content: [{ type: 'tool-call', toolCallId: 'call_0', toolName: 'get_weather', input: '{"city":"Paris"}' }],
};

describe('toGoogleContents', () => {
  it('puts system messages in systemInstruction and user text in a user turn', () => {
    const result = convert([
      { role: 'system', content: [{ type: 'text', text: 'Be terse.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Hello' },
          { type: 'text', text: '' },
        ],
      },
    ]);
    expect(result).toEqual({
      systemInstruction: { parts: [{ text: 'Be terse.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Hello' }] }],
      warnings: [],
    });
  });

  it('moves a late system message into the instruction, with a warning', () => {
    const result = convert([
      { role: 'user', content: [{ type: 'text', text: 'a' }] },
      { role: 'system', content: [{ type: 'text', text: 'later' }] },
    ]);
    expect(result.systemInstruction).toEqual({ parts: [{ text: 'later' }] });
    expect(result.warnings).toEqual([expect.objectContaining({ feature: 'system message position' })]);
  });

  it('sends images inline or by URL, and files by URI', () => {
    const { contents, warnings } = convert([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe' },
          { type: 'image', source: { type: 'base64', data: png }, mediaType: 'image/png' },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
          { type: 'file', source: { type: 'file-id', fileId: 'files/doc1' }, mediaType: 'application/pdf' },
        ],
      },
    ]);
    expect(contents[0]?.parts).toEqual([
      { text: 'Describe' },
      { inlineData: { mimeType: 'image/png', data: png } },
      { fileData: { mimeType: 'image/png', fileUri: 'https://example.com/cat.png' } },
      {
        fileData: {
          mimeType: 'application/pdf',
          fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/doc1',
        },
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('a tool round trip: model functionCall, then a user turn of functionResponse found by name', () => {
    const { contents } = convert([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      weatherCall,
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_0', output: 'Sunny, 21 C' }] },
    ]);
    expect(contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'get_weather', response: { output: 'Sunny, 21 C' } } }],
      },
    ]);
  });

  it('sends ids the model or a client gave, never synthesized ones, and none to Vertex', () => {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [
          {
            type: 'tool-call',
            toolCallId: 'toolu_01paris',
            toolName: 'get_weather',
            input: '{"city":"Paris"}',
          },
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{"city":"Rome"}' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'toolu_01paris', output: 'sunny' },
          { type: 'tool-result', toolCallId: 'call_1', output: 'rainy', isError: true },
        ],
      },
    ];
    const { contents } = convert(messages);
    expect(contents[1]?.parts.map((part) => part.functionCall?.id)).toEqual(['toolu_01paris', undefined]);
    expect(contents[2]?.parts).toEqual([
      { functionResponse: { id: 'toolu_01paris', name: 'get_weather', response: { output: 'sunny' } } },
      { functionResponse: { name: 'get_weather', response: { error: 'rainy' } } },
    ]);
    const vertex = convert(messages, { functionCallIds: false });
    expect(JSON.stringify(vertex.contents)).not.toContain('"id"');
  });

  it('a tool result for an unknown call is a 400 naming it', () => {
    let error: unknown;
    try {
      convert([{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'nope', output: 'x' }] }]);
    } catch (caught) {
      error = caught;
    }
    expect(GatewayError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, param: 'messages[0].content[0].toolCallId' });
  });

  it('images returned by a tool follow the function responses; user text after merges in', () => {
    const { contents } = convert([
      weatherCall,
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_0',
            output: [
              { type: 'text', text: 'map:' },
              { type: 'image', source: { type: 'base64', data: png }, mediaType: 'image/png' },
            ],
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] },
    ]);
    expect(contents[1]).toEqual({
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { output: 'map:' } } },
        { inlineData: { mimeType: 'image/png', data: png } },
        { text: 'And tomorrow?' },
      ],
    });
  });

  it("sends Gemini's own thoughts and signatures back, not other models' reasoning", () => {
    const { contents } = convert([
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'claude thinking', signature: 'anthropic-sig' },
          {
            type: 'reasoning',
            text: 'gemini thought',
            providerOptions: { google: { thoughtSignature: 'g1' } },
          },
          { type: 'text', text: 'answer', providerOptions: { google: { thoughtSignature: 'g2' } } },
          {
            type: 'tool-call',
            toolCallId: 'call_0',
            toolName: 'f',
            input: '{}',
            providerOptions: { google: { thoughtSignature: 'g3' } },
          },
        ],
      },
    ]);
    expect(contents[1]?.parts).toEqual([
      { text: 'gemini thought', thought: true, thoughtSignature: 'g1' },
      { text: 'answer', thoughtSignature: 'g2' },
      { functionCall: { name: 'f', args: {} }, thoughtSignature: 'g3' },
    ]);
  });

  it('Gemini 3: the first unsigned call of a turn gets the skip signature, with a warning', () => {
    const { contents, warnings } = convert(
      [
        { role: 'user', content: [{ type: 'text', text: 'q' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', toolCallId: 'a', toolName: 'f', input: '{}' },
            { type: 'tool-call', toolCallId: 'b', toolName: 'f', input: 'not json' },
          ],
        },
      ],
      { gemini3: true },
    );
    expect(contents[1]?.parts[0]?.thoughtSignature).toBe(SKIP_THOUGHT_SIGNATURE);
    expect(contents[1]?.parts[1]?.thoughtSignature).toBeUndefined();
    expect(contents[1]?.parts[1]?.functionCall?.args).toEqual({});
    expect(warnings.map((warning) => ('feature' in warning ? warning.feature : ''))).toEqual([
      'thoughtSignature',
      'tool call input',
    ]);
  });

  it('drops a turn left empty', () => {
    const { contents } = convert([
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'unsigned' }] },
      { role: 'user', content: [{ type: 'text', text: 'again' }] },
    ]);
    expect(contents).toEqual([{ role: 'user', parts: [{ text: 'q' }, { text: 'again' }] }]);
  });
});
