import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationIssues } from './validation-issues.js';

const part = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text'), text: z.string() }),
  z.looseObject({ type: z.literal('image_url'), image_url: z.looseObject({ url: z.string() }) }),
]);
const schema = z.strictObject({
  model: z.string(),
  content: z.union([z.string(), z.array(part).min(1)]).optional(),
  temperature: z.number().max(2).optional(),
  mode: z.enum(['a', 'b']).optional(),
  name: z
    .string()
    .regex(/^[a-z]+$/)
    .optional(),
});

describe('validationIssues', () => {
  it('reports missing fields and unknown keys, unknown keys first', () => {
    expect(validationIssues(schema, { extra: 1 })).toEqual([
      { kind: 'unknown-keys', path: [], keys: ['extra'] },
      { kind: 'missing', path: ['model'] },
    ]);
  });

  it('unwraps unions to the branch that matched the type', () => {
    expect(validationIssues(schema, { model: 'm', content: [{ type: 'zzz' }] })).toEqual([
      { kind: 'enum', path: ['content', 0, 'type'], values: ['text', 'image_url'], input: 'zzz', tag: true },
    ]);
    expect(validationIssues(schema, { model: 'm', content: [{ type: 'text' }] })).toEqual([
      { kind: 'missing', path: ['content', 0, 'text'] },
    ]);
    expect(validationIssues(schema, { model: 'm', content: 5 })).toEqual([
      { kind: 'type', path: ['content'], expected: ['string', 'array'], input: 5 },
    ]);
    expect(validationIssues(schema, { model: 'm', content: [] })).toMatchObject([
      { kind: 'too-small', path: ['content'], origin: 'array', minimum: 1 },
    ]);
  });

  it('reports ranges, enums and patterns', () => {
    expect(validationIssues(schema, { model: 'm', temperature: 3, mode: 'c', name: 'A!' })).toEqual([
      { kind: 'enum', path: ['mode'], values: ['a', 'b'], input: 'c' },
      { kind: 'pattern', path: ['name'], pattern: '/^[a-z]+$/', input: 'A!' },
      { kind: 'too-big', path: ['temperature'], origin: 'number', maximum: 2, inclusive: true, input: 3 },
    ]);
  });
});
