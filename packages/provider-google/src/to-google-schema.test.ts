import { describe, expect, it } from 'vitest';
import { toGoogleSchema } from './to-google-schema.js';

describe('toGoogleSchema', () => {
  it('keeps what Gemini supports and drops additionalProperties and $schema', () => {
    const { schema, dropped } = toGoogleSchema({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { city: { type: 'string', description: 'City name', minLength: 1 } },
      required: ['city'],
      additionalProperties: false,
    });
    expect(schema).toEqual({
      type: 'object',
      properties: { city: { type: 'string', description: 'City name', minLength: 1 } },
      required: ['city'],
    });
    expect(dropped).toEqual(['$schema', 'additionalProperties']);
  });

  it('turns null types and null anyOf members into nullable', () => {
    const { schema, dropped } = toGoogleSchema({
      type: 'object',
      properties: {
        a: { type: ['string', 'null'] },
        b: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] },
        c: { type: ['string', 'number'] },
      },
    });
    expect(schema?.properties).toEqual({
      a: { type: 'string', nullable: true },
      b: { type: 'integer', minimum: 0, nullable: true },
      c: { anyOf: [{ type: 'string' }, { type: 'number' }] },
    });
    expect(dropped).toEqual([]);
  });

  it('converts const and string enums, drops non-string enums', () => {
    const { schema, dropped } = toGoogleSchema({
      type: 'object',
      properties: {
        unit: { type: 'string', enum: ['c', 'f'] },
        kind: { const: 'weather' },
        level: { type: 'integer', enum: [1, 2, 3] },
        maybe: { type: ['string', 'null'], enum: ['x', null] },
      },
    });
    expect(schema?.properties).toEqual({
      unit: { type: 'string', enum: ['c', 'f'] },
      kind: { type: 'string', enum: ['weather'] },
      level: { type: 'integer' },
      maybe: { type: 'string', nullable: true, enum: ['x'] },
    });
    expect(dropped).toEqual(['properties.level.enum']);
  });

  it('recurses into items and anyOf, sends oneOf as anyOf, merges a single allOf', () => {
    const { schema, dropped } = toGoogleSchema({
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string', format: 'email' }, uniqueItems: true },
        shape: { oneOf: [{ type: 'string' }, { type: 'number', format: 'double' }] },
        base: { allOf: [{ type: 'string', examples: ['x'] }] },
      },
    });
    expect(schema?.properties).toEqual({
      tags: { type: 'array', items: { type: 'string' } },
      shape: { anyOf: [{ type: 'string' }, { type: 'number', format: 'double' }] },
      base: { type: 'string', example: 'x' },
    });
    expect(dropped).toEqual([
      'properties.tags.items.format',
      'properties.tags.uniqueItems',
      'properties.shape.oneOf (sent as anyOf)',
    ]);
  });

  it('drops references, which the subset cannot express', () => {
    const { dropped } = toGoogleSchema({
      type: 'object',
      properties: { node: { $ref: '#/$defs/node' } },
      $defs: { node: { type: 'string' } },
    });
    expect(dropped).toEqual(['properties.node.$ref', '$defs']);
  });

  it('an object without properties declares no parameters', () => {
    expect(toGoogleSchema({ type: 'object', properties: {} }).schema).toBeUndefined();
    expect(toGoogleSchema({ type: 'object', additionalProperties: false }).schema).toBeUndefined();
    expect(toGoogleSchema({ type: 'string' }).schema).toEqual({ type: 'string' });
  });
});
