import { describe, expect, it } from 'vitest';
import { describeIssue, geminiRequestSchema, googleSchemaSchema, protoPath } from './fake-google-schema.js';

describe('fake Google request schema', () => {
  it('spells paths as Google does', () => {
    expect(protoPath(['contents', 0, 'parts', 1, 'inlineData'])).toBe('contents[0].parts[1].inline_data');
    expect(protoPath(['generationConfig', 'thinkingConfig'])).toBe('generation_config.thinking_config');
  });

  it('words unknown fields, missing fields and wrong types', () => {
    const issues = (value: unknown) =>
      geminiRequestSchema.safeParse(value, { reportInput: true }).error?.issues.map(describeIssue) ?? [];
    expect(issues({ contents: [], foo: 1 })).toEqual([
      'Invalid JSON payload received. Unknown name "foo": Cannot find field.',
    ]);
    expect(issues({})).toEqual(['* GenerateContentRequest.contents: contents is not specified']);
    expect(issues({ contents: [], cachedContent: 3 })).toEqual([
      `Invalid value at 'cached_content' (TYPE_STRING), 3`,
    ]);
  });

  it('reads schema types case-insensitively and refuses other keywords', () => {
    expect(
      googleSchemaSchema.safeParse({ type: 'object', properties: { a: { type: 'STRING' } } }).success,
    ).toBe(true);
    expect(googleSchemaSchema.safeParse({ type: 'thing' }).success).toBe(false);
    expect(googleSchemaSchema.safeParse({ type: 'object', additionalProperties: false }).success).toBe(false);
  });
});
