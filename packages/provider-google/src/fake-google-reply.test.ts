import { describe, expect, it } from 'vitest';
import { googleChunks, googleConversation, googleResponse, thinkingOf } from './fake-google-reply.js';

describe('fake Gemini replies', () => {
  it('reads the last user turn, function responses and the tool mode', () => {
    const conversation = googleConversation({
      contents: [
        { role: 'user', parts: [{ text: 'Weather?' }, { inlineData: { mimeType: 'image/png', data: 'x' } }] },
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: {} } }] },
        {
          role: 'user',
          parts: [{ functionResponse: { name: 'get_weather', response: { output: 'sunny' } } }],
        },
      ],
      tools: [{ functionDeclarations: [{ name: 'get_weather', parameters: { type: 'object' } }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
      generationConfig: { stopSequences: ['x'], maxOutputTokens: 4 },
    });
    expect(conversation).toEqual({
      lastUserText: '',
      imageCount: 0,
      toolResults: ['sunny'],
      tools: [{ name: 'get_weather', inputSchema: { type: 'object' } }],
      toolMode: { name: 'get_weather' },
      stopSequences: ['x'],
      maxTokens: 4,
    });
  });

  it('builds answers and chunks, with thoughts and a signed call when asked', () => {
    const options = {
      responseId: 'r1',
      model: 'gemini-2.5-flash',
      reply: { type: 'tool-call' as const, toolName: 'f', input: { a: 1 } },
      promptTokens: 10,
      ...thinkingOf({ generationConfig: { thinkingConfig: { includeThoughts: true } } }, 'gemini-2.5-flash'),
    };
    const response = googleResponse(options) as { candidates: Array<{ content: { parts: unknown[] } }> };
    expect(response.candidates[0]?.content.parts).toEqual([
      { text: expect.any(String), thought: true },
      { functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: expect.any(String) },
    ]);
    const chunks = googleChunks(options);
    expect(chunks.map((chunk) => chunk.kind)).toEqual(['content', 'content', 'final']);
    expect(thinkingOf({}, 'gemini-3-pro-preview')).toEqual({ thoughts: false, signed: true });
  });
});
