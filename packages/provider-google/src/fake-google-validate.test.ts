import { describe, expect, it } from 'vitest';
import { validateGoogleRequest } from './fake-google-validate.js';

const gemini = { vertex: false, model: 'gemini-2.5-flash' };
const user = (text: string) => ({ role: 'user', parts: [{ text }] });

function messageOf(body: unknown, options = gemini): string | undefined {
  return validateGoogleRequest(body, options)?.error.message;
}

const toolRoundTrip = [
  user('Weather in Paris?'),
  { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
  { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { output: 'sunny' } } }] },
];

describe('validateGoogleRequest', () => {
  it('accepts a documented request', () => {
    expect(
      validateGoogleRequest(
        {
          contents: toolRoundTrip,
          systemInstruction: { parts: [{ text: 'Be brief.' }] },
          tools: [
            {
              functionDeclarations: [
                {
                  name: 'get_weather',
                  parameters: {
                    type: 'object',
                    properties: { city: { type: 'string' } },
                    required: ['city'],
                  },
                },
              ],
            },
          ],
          toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
          generationConfig: { temperature: 0.2, maxOutputTokens: 10, thinkingConfig: { thinkingBudget: 0 } },
          safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
        },
        gemini,
      ),
    ).toBeUndefined();
  });

  it('requires contents, and words it as Gemini does', () => {
    expect(messageOf({})).toBe('* GenerateContentRequest.contents: contents is not specified');
    expect(messageOf({ contents: [] })).toContain('contents is not specified');
  });

  it('rejects unknown fields with their snake_case path', () => {
    expect(messageOf({ contents: [user('hi')], temperature: 1 })).toBe(
      'Invalid JSON payload received. Unknown name "temperature": Cannot find field.',
    );
    expect(messageOf({ contents: [user('hi')], generationConfig: { maxTokens: 1 } })).toBe(
      'Invalid JSON payload received. Unknown name "maxTokens" at \'generation_config\': Cannot find field.',
    );
    const schema = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false };
    expect(
      messageOf({
        contents: [user('hi')],
        tools: [{ functionDeclarations: [{ name: 'f', parameters: schema }] }],
      }),
    ).toContain('Unknown name "additionalProperties" at \'tools[0].function_declarations[0].parameters\'');
    expect(messageOf({ contents: [user('hi')], labels: { a: 'b' } })).toContain('Unknown name "labels"');
    expect(
      messageOf({ contents: [user('hi')], labels: { a: 'b' } }, { ...gemini, vertex: true }),
    ).toBeUndefined();
  });

  it('rejects wrong types', () => {
    expect(messageOf({ contents: [user('hi')], generationConfig: { temperature: 'hot' } })).toBe(
      `Invalid value at 'generation_config.temperature' (TYPE_FLOAT), "hot"`,
    );
  });

  it('checks roles, empty parts and empty text', () => {
    expect(messageOf({ contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] })).toBe(
      'Please use a valid role: user, model.',
    );
    expect(messageOf({ contents: [{ role: 'user', parts: [] }] })).toContain(
      'contents.parts must not be empty.',
    );
    expect(messageOf({ contents: [user('')] })).toContain('empty text parameter');
    expect(messageOf({ contents: [{ role: 'user', parts: [{}] }] })).toContain("required oneof field 'data'");
    expect(
      messageOf({
        contents: [
          { role: 'user', parts: [{ text: 'a', inlineData: { mimeType: 'image/png', data: 'x' } }] },
        ],
      }),
    ).toContain("required oneof field 'data'");
  });

  it('pairs function responses with the call turn before them', () => {
    expect(messageOf({ contents: toolRoundTrip })).toBeUndefined();
    expect(messageOf({ contents: [user('a'), toolRoundTrip[2]] })).toContain(
      'function response turn comes immediately',
    );
    const twoCalls = {
      role: 'model',
      parts: [{ functionCall: { name: 'f', args: {} } }, { functionCall: { name: 'f', args: {} } }],
    };
    expect(messageOf({ contents: [user('a'), twoCalls, toolRoundTrip[2]] })).toContain(
      'number of function response parts is equal to the number of function call parts',
    );
    expect(messageOf({ contents: [toolRoundTrip[1]] })).toContain(
      'function call turn comes immediately after a user turn',
    );
    expect(messageOf({ contents: [{ role: 'user', parts: [{ functionCall: { name: 'f' } }] }] })).toContain(
      'function_call is only allowed in a model turn',
    );
  });

  it('Gemini 3 wants the current turn’s function calls signed', () => {
    const gemini3 = { vertex: false, model: 'gemini-3-pro-preview' };
    expect(messageOf({ contents: toolRoundTrip }, gemini3)).toContain('missing a thought_signature');
    const signed = [
      toolRoundTrip[0],
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: {} }, thoughtSignature: 's' }] },
      toolRoundTrip[2],
    ];
    expect(messageOf({ contents: signed }, gemini3)).toBeUndefined();
    // An older turn (before the last user text) is not checked.
    expect(
      messageOf(
        { contents: [...toolRoundTrip, { role: 'model', parts: [{ text: 'ok' }] }, user('next')] },
        gemini3,
      ),
    ).toBeUndefined();
  });

  it('checks function names, object schemas and the allowed function names', () => {
    const declare = (declaration: Record<string, unknown>, toolConfig?: unknown) => ({
      contents: [user('a')],
      tools: [{ functionDeclarations: [declaration] }],
      ...(toolConfig !== undefined && { toolConfig }),
    });
    expect(messageOf(declare({ name: 'get weather' }))).toContain('Invalid function name');
    expect(messageOf(declare({ name: 'f', parameters: { type: 'object', properties: {} } }))).toContain(
      'parameters.properties: should be non-empty for OBJECT type',
    );
    expect(
      messageOf(
        declare({ name: 'f' }, { functionCallingConfig: { mode: 'AUTO', allowedFunctionNames: ['f'] } }),
      ),
    ).toContain('should be set only when the mode is ANY');
    expect(
      messageOf(
        declare({ name: 'f' }, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['g'] } }),
      ),
    ).toContain("function 'g' is not declared");
    expect(messageOf(declare({ name: 'f', parameters: { type: 'strange' } }))).toContain('Invalid value at');
  });

  it('checks generation config ranges and combinations', () => {
    const config = (generationConfig: Record<string, unknown>, model = 'gemini-2.5-flash') =>
      messageOf({ contents: [user('a')], generationConfig }, { vertex: false, model });
    expect(config({ temperature: 3 })).toContain('generation_config.temperature: must be between 0 and 2');
    expect(config({ topP: 1.5 })).toContain('top_p');
    expect(config({ stopSequences: ['1', '2', '3', '4', '5', '6'] })).toContain('at most 5');
    expect(config({ responseMimeType: 'text/html' })).toContain('allowed mimetypes');
    expect(config({ responseSchema: { type: 'string' } })).toContain('needs response_mime_type');
    expect(config({ thinkingConfig: { thinkingBudget: 10, thinkingLevel: 'low' } })).toContain(
      'only one of thinking budget',
    );
    expect(config({ thinkingConfig: { thinkingBudget: 0 } }, 'gemini-2.5-pro')).toContain(
      'only works in thinking mode',
    );
    expect(
      config({ responseMimeType: 'application/json', responseSchema: { type: 'string' } }),
    ).toBeUndefined();
  });
});
