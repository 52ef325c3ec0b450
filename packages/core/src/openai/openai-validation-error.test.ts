import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatOpenAIParam, openaiValidationError } from './openai-validation-error.js';

describe('formatOpenAIParam', () => {
  it('writes paths in OpenAI style', () => {
    expect(formatOpenAIParam(['messages', 1, 'content', 0, 'type'])).toBe('messages[1].content[0].type');
    expect(formatOpenAIParam(['model'])).toBe('model');
    expect(formatOpenAIParam([])).toBe('');
  });
});

describe('openaiValidationError', () => {
  it('describes the first issue as a 400 naming the field', () => {
    const schema = z.looseObject({ n: z.number().int().min(1) });
    const result = schema.safeParse({ n: 0 }, { reportInput: true });
    expect(result.success).toBe(false);
    const error = openaiValidationError(result.error?.issues ?? []);
    expect(error.status).toBe(400);
    expect(error.param).toBe('n');
    expect(error.message).toBe("Invalid value for 'n': expected at least 1.");
  });

  it('falls back to a generic message without issues', () => {
    const error = openaiValidationError([]);
    expect(error.status).toBe(400);
    expect(error.message).toBe('Invalid request body.');
  });
});
