import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { anthropicInvalidRequest, anthropicValidationError } from './anthropic-validation-error.js';

function errorFor(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return anthropicValidationError(result.error, input);
}

describe('anthropicValidationError', () => {
  it('words failures like the Anthropic API and names the field', () => {
    const schema = z.object({
      kind: z.enum(['a', 'b', 'c']),
      flag: z.boolean().optional(),
      list: z.array(z.string()).min(2).optional(),
      name: z.string().min(3).optional(),
      ratio: z.number().max(1).optional(),
    });
    expect(errorFor(schema, { kind: 'd' }).message).toBe("kind: Input should be 'a', 'b' or 'c'");
    expect(errorFor(schema, { kind: 'a', flag: 'yes' }).message).toBe(
      'flag: Input should be a valid boolean',
    );
    expect(errorFor(schema, { kind: 'a', list: ['x'] }).message).toBe(
      'list: List should have at least 2 items after validation',
    );
    expect(errorFor(schema, { kind: 'a', list: [1, 'x'] }).param).toBe('list.0');
    expect(errorFor(schema, { kind: 'a', name: 'x' }).message).toBe(
      'name: String should have at least 3 characters',
    );
    expect(errorFor(schema, { kind: 'a', ratio: 2 }).message).toBe(
      'ratio: Input should be less than or equal to 1',
    );
    expect(errorFor(schema, { kind: 'a', ratio: 2 }).status).toBe(400);
  });

  it('builds errors for rules zod does not check', () => {
    const error = anthropicInvalidRequest(['messages', 2, 'content'], 'must not be empty');
    expect(error.message).toBe('messages.2.content: must not be empty');
    expect(error.param).toBe('messages.2.content');
    expect(error.type).toBe('invalid_request_error');
  });
});
