import type { Warning } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import {
  droppedKeywordsWarning,
  toGoogleFunctionCallingConfig,
  toGoogleFunctionDeclarations,
} from './to-google-tools.js';

describe('toGoogleFunctionDeclarations', () => {
  it('declares functions with converted parameters and warns about dropped keywords', () => {
    const warnings: Warning[] = [];
    const declarations = toGoogleFunctionDeclarations(
      [
        {
          type: 'function',
          name: 'get_weather',
          description: 'The current weather in a city.',
          inputSchema: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
            additionalProperties: false,
          },
        },
        { type: 'function', name: 'now', inputSchema: { type: 'object', properties: {} } },
        { type: 'provider', format: 'anthropic', name: 'web_search', raw: {} },
      ],
      warnings,
    );
    expect(declarations).toEqual([
      {
        name: 'get_weather',
        description: 'The current weather in a city.',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
      { name: 'now' },
    ]);
    expect(warnings).toEqual([
      {
        type: 'compatibility',
        feature: 'tools[get_weather].inputSchema',
        details: 'Gemini takes an OpenAPI subset of JSON Schema: dropped additionalProperties',
      },
      expect.objectContaining({ type: 'unsupported', feature: 'provider tool web_search' }),
    ]);
  });

  it('lists at most eight dropped keywords', () => {
    const dropped = Array.from({ length: 10 }, (_, index) => `k${index}`);
    expect(droppedKeywordsWarning('f', dropped)).toMatchObject({
      details: expect.stringMatching(/k7 and 2 more$/),
    });
  });
});

describe('toGoogleFunctionCallingConfig', () => {
  it('maps each tool choice', () => {
    expect(toGoogleFunctionCallingConfig({ type: 'auto' })).toEqual({ mode: 'AUTO' });
    expect(toGoogleFunctionCallingConfig({ type: 'none' })).toEqual({ mode: 'NONE' });
    expect(toGoogleFunctionCallingConfig({ type: 'required' })).toEqual({ mode: 'ANY' });
    expect(toGoogleFunctionCallingConfig({ type: 'tool', toolName: 'get_weather' })).toEqual({
      mode: 'ANY',
      allowedFunctionNames: ['get_weather'],
    });
  });
});
